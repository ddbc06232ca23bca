"""The help texts of ``warta``: usage, description, the epilogs of ``--help`` and shared option help.

``warta --help`` describes the browser and the scripting commands alike; the environment variables
and exit statuses it lists are checked against the code by tests/tui/test_cli.py.
"""

from __future__ import annotations

BROWSER_USAGE = "warta [--index DIR]"
"""How the terminal browser is opened (``tui.entry``): no command, at most ``--index DIR``."""

USAGE = f"""{BROWSER_USAGE}
       warta [-h] [--version] [-v | -q] [--color WHEN] [--index DIR] COMMAND [ARG...]
       warta --print-completion {{bash,zsh}}"""

DESCRIPTION = """\
Search and read a corpus of news articles.

With no COMMAND (at most --index DIR), warta opens the terminal browser on the index; the browser
needs a terminal on stdin and stdout. With a COMMAND, warta runs it and prints the result: text
for people, or JSON with --json. 'warta COMMAND --help' explains a command."""

EPILOG = """\
environment:
  WARTA_INDEX      the index folder when --index is not given (else the user data folder,
                   ~/.local/share/warta/index on Linux)
  WARTA_KNOWLEDGE  a folder (or one file) of extra entity tables, *.tsv/*.tab (tab-separated)
                   or *.csv, read before the shipped ones so that your rows win; used when
                   indexing, by 'annotate', and for names in queries
  WARTA_CONFIG     the browser's key bindings file (else keys.toml in the user config folder)
  WARTA_DEBUG      not empty: an internal error raises with its Python traceback
  WARTA_CRASH_AT   tests only: kill 'index' at a crash point, POINT[@N][:kill|int|full]
                   (docs/crash-safety.md)
  NO_COLOR         not empty: no colours (bold and dim stay), unless --color always
  FORCE_COLOR      not empty: styled output even when not writing to a terminal, unless
                   --color never

exit status:
  0    success (also a search without hits, and a query run as plain words)
  1    error: no index, unknown or ambiguous id, unreadable input, index busy; 'index' also
       when it skipped a file or record (the rest is indexed), 'annotate' on a bad input line
  2    usage error: unknown command or option, bad value; the browser without a terminal
  70   internal error (a bug): one line on stderr, WARTA_DEBUG=1 shows the traceback
  130  interrupted (Ctrl-C)

The query language: 'warta search --help' in short, docs/query-language.md in full.
Shell completion: warta --print-completion bash > ~/.local/share/bash-completion/completions/warta"""

SEARCH_EPILOG = """\
query syntax (in full: docs/query-language.md):
  china rusia                 both words (AND is implied), in the title or the text
  "presiden china"            the phrase
  china OR tiongkok           either; NOT rusia or -rusia excludes; (a OR b) c groups
                              (operators in capitals: a lower-case "or" is a word)
  title:korea  source:kompas  one field: title, source, lang (id, en), exact (this word
  lang:en  exact:kunjungan    form only; a plain word also finds its other forms:
                              kunjungan finds kunjungi, berkunjung, kunjungannya)
  person:"Xi Jinping"         articles naming the entity, in any known spelling or language:
  org:PBB  loc:Tiongkok       person, org, loc, misc (events, products…); -loc:China
  misc:"Perang Dunia II"      excludes
  date:2023-03                published that day, month or year; also date:>=2023-01-01,
  date:<2024                  date:>2023-06, date:<=2022; undated articles never match
  date:[2023-01 TO 2023-06]   a range, both ends included; * leaves one open: date:[* TO 2022]
  presid*  lukashenk?  *nya   wildcards: * any letters, ? one letter
  [ka TO ke]                  words between two others, in alphabetical order
  lukashenk~  lukashenk~2     fuzzy: within one typo (~2: two), first two letters kept
  *  ?                        alone: every article, newest first

A wildcard, range or fuzzy term stands for its most frequent words only (at most 100, 50 for
fuzzy, and as many as half the articles hold); when some were left out, stderr says what it
stood for ("s* stands for its 2 most frequent words of 14,021 (said, sebut)"). A wildcard or
range alone lists its articles newest first: they match it alike.

A query that cannot be parsed (date:2023-13, an unclosed quote, unbalanced parentheses) is run
as plain words, with a notice on stderr; with no hits, a spelling suggestion is printed.

--json prints {"query", "total", "hits": [{"id", "title", "date", "source", "path", "score",
"snippet"}], "notice", "suggestion", "expansion"}; matches in "snippet" are marked with « »."""

INDEX_EPILOG = """\
Folders are read recursively (hidden files and unknown extensions skipped). Formats: .txt and
.md (title on the first line), .html, .json, .jsonl/.ndjson, .csv/.tsv. A run is incremental:
unchanged files are skipped, changed ones updated. What cannot be used is listed on stderr, one
line each ("skipped PATH: reason"), the rest is indexed, and the exit status is then 1. The
one-line summary goes to stdout; a progress bar to stderr when it is a terminal. A run killed
at any moment is mended by the next one. --check compares the index with its catalogue (exit 1
when they disagree); --repair mends them from each other and reads again the files they name."""

SHOW_EPILOG = """\
ID is an article id as listed by 'search', 'list' or 'events', or a unique prefix of one.
--json prints {"id", "title", "date", "source", "path", "lang", "text", "entities", "events"};
entity offsets point into "text" (none with --raw)."""

EVENTS_EPILOG = """\
Events come in time order, undated ones last. --from and --to take YYYY, YYYY-MM or YYYY-MM-DD
and include the whole period (--to 2023 runs to the end of 2023); with either, undated events
are left out. --entity takes any known spelling (--entity Tiongkok finds China's events).
When --limit cuts the list, a last line says so: showing 500 of 861 events."""

RELATED_EPILOG = """\
ID is an article id as listed by 'search', 'list' or 'events', or a unique prefix of one.
Related events share names (people, organisations, places) with the article and are near it in
time; the names shared are printed in brackets."""

ANNOTATE_EPILOG = """\
Reads UTF-8 text on stdin and prints {"entities": [{"start", "end", "text", "type",
"canonical"}]}; with --jsonl, one {"id", "entities"} line per input line. Needs no index.

example:
  echo 'Presiden Jokowi bertemu Xi Jinping di Beijing.' | warta annotate"""


VERBOSE_HELP = "more detail on stderr where a command has any ('index': a line per file)"
QUIET_HELP = "no progress bar and no summary ('index'); problems and errors are still printed"
