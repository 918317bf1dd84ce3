"""Reading the files of a course package: what courses and quizzes share.

YAML that remembers its lines, the problems a check reports by file and line,
the field helpers every package file uses, and the quiz files' definition. Pure:
no Flask, no database (.importlinter checks it), so checks run from tests and
the command line alike. It sits below every feature; see docs/decisions.md,
"Dependencies run one way".
"""
