#!/usr/bin/env bash
# Mutation testing of the engine with mutmut 3 ([tool.mutmut] in pyproject.toml; docs/mutation.md).
# mutmut runs the tests against a copy of the code in mutants/: pumpplan must NOT be installed in the
# virtualenv (an editable install would shadow the mutants), so this makes a throwaway one, outside the
# repository, with only the runtime and test dependencies pyproject.toml lists. Arguments go to `mutmut run`.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${MUTATION_VENV:-${TMPDIR:-/tmp}/pumpplan-mutation-venv}"
python3 -m venv --clear "$venv"
"$venv/bin/python" - > "$venv/requirements.txt" <<'PY'
import tomllib

with open("pyproject.toml", "rb") as file:
    project = tomllib.load(file)["project"]
print("\n".join([*project["dependencies"], *project["optional-dependencies"]["test"], "mutmut>=3.3,<4"]))
PY
"$venv/bin/python" -m pip install -q -r "$venv/requirements.txt"
rm -rf mutants  # mutmut keeps earlier results: start afresh
"$venv/bin/mutmut" run --max-children "${MUTMUT_CHILDREN:-2}" "$@"
# The totals by status, then every mutant not killed.
"$venv/bin/mutmut" results --all true 2>/dev/null | awk -F': ' '{n[$2]++} END {for (s in n) print n[s], s}'
"$venv/bin/mutmut" results 2>/dev/null
echo "See a mutant's change with: $venv/bin/mutmut show NAME"
