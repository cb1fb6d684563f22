# debian-source.sh - sourced by the scripts that build a library from
# Debian's own source package (mbedtls.sh, check-windows.sh).
#
# debian_source PACKAGE VERSION SUITE DEST [ACCEPT]
#   Extracts PACKAGE=VERSION from SUITE into DEST. The files come through apt
#   with a private configuration under $cache (the system's sources are left
#   alone), and apt checks them against the archive's signed index. When the
#   archive has moved on from VERSION (a security update replaced it), the
#   archive's version is taken instead if its .dsc name matches the glob
#   ACCEPT, and the caller is told to pin it; otherwise it fails.
# Needs: $cache (a folder of the caller's), say() for messages.

debian_source_tools() {
  local need=()
  command -v dpkg-source > /dev/null || need+=(dpkg-dev)
  command -v bzip2 > /dev/null || need+=(bzip2)
  command -v xz > /dev/null || need+=(xz-utils)
  command -v cmake > /dev/null || need+=(cmake)
  command -v python3 > /dev/null || need+=(python3)
  [ -f /usr/share/keyrings/debian-archive-keyring.gpg ] || need+=(debian-archive-keyring)
  if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    local sudo_cmd
    sudo_cmd=$([ "$(id -u)" -eq 0 ] && echo "" || echo sudo)
    $sudo_cmd apt-get install -y -q "${need[@]}" >&2
  fi
}

debian_source() {
  local package=$1 version=$2 suite=$3 dest=$4 accept=${5:-}
  local keyring=/usr/share/keyrings/debian-archive-keyring.gpg
  local archive=http://deb.debian.org/debian
  debian_source_tools
  local apt_dir=$cache/apt-$suite
  mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
  printf 'deb-src [signed-by=%s] %s %s main\n' "$keyring" "$archive" "$suite" > "$apt_dir/sources.list"
  local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir" -o "Dir::Cache::archives=$apt_dir/archives"
    -o APT::Sandbox::User=root -o Debug::NoLocking=1)
  say "fetching Debian's $package $version source package ($suite)"
  apt-get "${apt_opts[@]}" -q update >&2
  local dl=$cache/$package-download
  rm -rf "$dl" && mkdir -p "$dl"
  if ! (cd "$dl" && apt-get "${apt_opts[@]}" -q source --download-only "$package=$version" >&2); then
    [ -n "$accept" ] || { say "$package $version is not in $suite"; return 1; }
    say "$package $version is no longer in $suite; taking the archive's version"
    (cd "$dl" && apt-get "${apt_opts[@]}" -q source --download-only "$package" >&2)
    local dsc
    dsc=$(ls "$dl"/"${package}"_*.dsc)
    # shellcheck disable=SC2254
    case $(basename "$dsc") in $accept) ;; *) say "not an accepted release: $dsc"; return 1 ;; esac
    version=$(basename "$dsc" .dsc); version=${version#"${package}"_}
    say "built as $version; pin it in the script that asked for $package"
  fi
  rm -rf "$dest"
  dpkg-source -x "$dl/${package}_${version#*:}.dsc" "$dest" >&2
  rm -rf "$dl"
}
