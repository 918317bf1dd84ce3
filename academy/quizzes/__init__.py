"""Quizzes: quiz files in course packages, grading, attempts, and Moodle GIFT conversion.

The definition and grading modules are pure (no Flask, no database); the
attempt services keep every attempt graded exactly once.
"""
