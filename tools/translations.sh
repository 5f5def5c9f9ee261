#!/usr/bin/env bash
# Refresh the message catalogues after changing any text: extract, merge into es.po, compile.
# Then translate every new or fuzzy entry in pumpplan/locale/es/LC_MESSAGES/pumpplan.po and run
# this again; tests/test_i18n.py fails while any message lacks a translation.
set -euo pipefail
cd "$(dirname "$0")/.."
# Besides _, n_ and p_: the errors and Phrase, whose first argument is an English template
# (pumpplan/errors.py); tests/test_messages.py checks that every error class is listed here.
pybabel extract --no-default-keywords -k _ -k n_:1,2 -k p_:1c,2 \
    -k PumpplanError -k InputError -k ScheduleError -k ReadError -k OutputError -k ServerError -k Phrase \
    --add-comments=Translators: --no-location --sort-output \
    --omit-header --project pumpplan -o pumpplan/locale/pumpplan.pot pumpplan
pybabel update --no-fuzzy-matching -i pumpplan/locale/pumpplan.pot -d pumpplan/locale -D pumpplan -l es
pybabel compile --statistics -d pumpplan/locale -D pumpplan
