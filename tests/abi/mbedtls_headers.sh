#!/usr/bin/env bash
# mbedtls_headers.sh BUILDDIR INCLUDEDIR - every file the build compiles
# takes its mbedTLS (and PSA) headers from INCLUDEDIR, the one version the
# build links: 2.28 headers in /usr/include beside a 3.6 build would give
# structures that do not match the library. Preprocesses each compile
# command of compile_commands.json with -M and looks at what it read.
set -euo pipefail
python3 - "$1/compile_commands.json" "$2" <<'PY'
import json, os, shlex, subprocess, sys

commands = json.load(open(sys.argv[1]))
include = os.path.realpath(sys.argv[2])
checked = bad = 0
for c in commands:
    args = c["arguments"] if "arguments" in c else shlex.split(c["command"])
    pre, skip = [], False
    for a in args:  # the same command, preprocessing only
        if skip:
            skip = False
        elif a == "-o":
            skip = True
        elif a != "-c":
            pre.append(a)
    run = subprocess.run(pre + ["-M"], cwd=c["directory"], capture_output=True, text=True)
    if run.returncode != 0:
        print(f"FAILED: {c['file']} does not preprocess:\n{run.stderr[:2000]}")
        bad += 1
        continue
    deps = run.stdout.replace("\\\n", " ").split()[1:]
    foreign = [d for d in deps if ("/mbedtls/" in d or "/psa/" in d)
               and not os.path.realpath(os.path.join(c["directory"], d)).startswith(include + os.sep)]
    uses = any("/mbedtls/" in d for d in deps)
    if foreign:
        print(f"FAILED: {c['file']} reads {foreign[0]}, not from {include}")
        bad += 1
    elif uses:
        checked += 1
print(f"{checked} passed, {bad} failed (files whose mbedTLS headers all come from {include})")
sys.exit(1 if bad or checked == 0 else 0)
PY
