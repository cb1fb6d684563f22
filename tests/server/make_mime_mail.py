#!/usr/bin/env python3
"""make_mime_mail.py MAILDIR

Writes helen's messages: MIME shaped as real mail is - nested alternatives
with an inline image, a forwarded message with its own attachment, RFC 2231
and RFC 2047 file names, names that try to leave the folder, text in
KOI8-R, ISO-2022-JP and Shift_JIS, a part with no final boundary. The
bytes each part holds are made by payload() below and by the same formula
in tests/integration/test_mime_parts.c, which compares what mailwire
decodes with them.
"""
import base64
import os
import sys


def payload(seed, n):
    return bytes((i * 131 + seed * 17 + (i >> 8)) & 0xFF for i in range(n))


def b64(data):
    text = base64.b64encode(data).decode()
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76))


def qp(data):
    out = []
    for line in data.split(b"\r\n"):
        enc = "".join(chr(c) if 33 <= c <= 126 and c != 61 or c == 32 else "=%02X" % c for c in line)
        out.append(enc)
    return "\r\n".join(out)


PLAIN = "Café crème, naïve façade: bien sûr!\r\nLigne deux."
HTML = "<p>Café crème \u2014 \u20ac5</p>"
RUSSIAN = "Привет, мир"
JAPANESE = "日本語のテキスト"
SJIS = "日本語"

NESTED = f"""From: Alice <alice@example.test>
To: helen@example.test
Subject: Nested parts
Message-ID: <nested@example.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="=_outer"

This is a multi-part message in MIME format.
--=_outer
Content-Type: multipart/related; boundary="=_rel"; type="multipart/alternative"

--=_rel
Content-Type: multipart/alternative; boundary="=_alt"

--=_alt
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

{qp(PLAIN.encode("latin-1"))}
--=_alt
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

{b64(HTML.encode())}
--=_alt--

--=_rel
Content-Type: image/png
Content-ID: <logo@example.test>
Content-Disposition: inline; filename="logo.png"
Content-Transfer-Encoding: base64

{b64(payload(1, 3000))}
--=_rel--

--=_outer
Content-Type: application/pdf; name="=?UTF-8?Q?=E2=82=AC_report.pdf?="
Content-Disposition: attachment;
 filename*0*=utf-8''%E2%82%AC%20report;
 filename*1=".pdf"
Content-Transfer-Encoding: base64

{b64(payload(2, 20000))}
--=_outer--
"""

FORWARDED = f"""From: Alice <alice@example.test>
To: helen@example.test
Subject: Fwd: inner
Message-ID: <forwarded@example.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="fw1"

--fw1
Content-Type: text/plain; charset=us-ascii

See the forwarded message.
--fw1
Content-Type: message/rfc822
Content-Disposition: inline

From: Bob <bob@example.test>
Subject: inner
Message-ID: <inner@example.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="in1"

--in1
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

Grüße
--in1
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="inner.bin"
Content-Transfer-Encoding: base64

{b64(payload(3, 777))}
--in1--

--fw1--
"""

NAMES = f"""From: Alice <alice@example.test>
To: helen@example.test
Subject: Names and charsets
Message-ID: <names@example.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="nc"

--nc
Content-Type: text/plain; charset=koi8-r
Content-Transfer-Encoding: quoted-printable

{qp(RUSSIAN.encode("koi8-r"))}
--nc
Content-Type: text/plain; charset=ISO-2022-JP
Content-Transfer-Encoding: 7bit

{JAPANESE.encode("iso2022_jp").decode("ascii")}
--nc
Content-Type: text/plain; charset=Shift_JIS
Content-Transfer-Encoding: base64

{b64(SJIS.encode("shift_jis"))}
--nc
Content-Type: text/plain; name="../../evil.txt"
Content-Disposition: attachment; filename="../../evil.txt"

evil\x1b]0;pwned\x07
--nc
Content-Type: application/octet-stream
Content-Disposition: attachment; filename="CON"

con
--nc
Content-Type: text/plain
Content-Disposition: attachment; filename="same.txt"

first
--nc
Content-Type: text/plain
Content-Disposition: attachment; filename="same.txt"

second
--nc--
"""

BROKEN = f"""From: Alice <alice@example.test>
To: helen@example.test
Subject: Broken
Message-ID: <broken@example.test>
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="br"

--br
Content-Type: text/plain

> --br quoted in text
x--br not at a line's start
--br
Content-Type: application/octet-stream; name="tail.bin"
Content-Transfer-Encoding: base64

{b64(payload(4, 100))}
"""


def main():
    box = sys.argv[1]
    for sub in ("cur", "new", "tmp"):
        os.makedirs(os.path.join(box, sub), exist_ok=True)
    for i, text in enumerate((NESTED, FORWARDED, NAMES, BROKEN), 1):
        data = text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
        name = "17000004%02d.M4%dP1.mailwire:2," % (i, i)
        with open(os.path.join(box, "cur", name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
