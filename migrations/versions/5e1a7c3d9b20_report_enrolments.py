"""report facts: one row per enrolment, quiz and question cells, kept by triggers, backfilled

Revision ID: 5e1a7c3d9b20
Revises: a91f3c7e5d20
Create Date: 2026-12-07 22:45:00.000000

"""

from alembic import op
import sqlalchemy as sa

import academy.database


# revision identifiers, used by Alembic.
revision = "5e1a7c3d9b20"
down_revision = "a91f3c7e5d20"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_report_enrolments_active": [
        "last_active_at",
        "first_active_at",
        "course_id",
        "cohort_id",
        "content_language",
        "user_id",
    ],
    "ix_report_enrolments_cohort": ["cohort_id", "first_active_at", "last_active_at"],
    "ix_report_enrolments_completed": ["completed_at", "course_id", "cohort_id"],
    "ix_report_enrolments_course": [
        "course_id",
        "first_active_at",
        "last_active_at",
        "cohort_id",
        "content_language",
        "user_id",
    ],
    "ix_report_enrolments_enrolled": ["enrolled_at", "course_id", "cohort_id"],
    "ix_report_enrolments_user": ["user_id"],
}


TAKER_INDEXES = {  # fmt: skip
    "ix_report_quiz_takers_course": ["course_id", "first_at", "last_at"],
    "ix_report_quiz_takers_first": [
        "first_at", "last_at", "quiz_id", "language", "user_id", "course_id", "sex", "country",
        "constituent_group", "attempts", "scored", "score_sum", "passes",
    ],
    "ix_report_quiz_takers_months": ["months", "first_at", "last_at"],
    "ix_report_quiz_takers_span": ["span_class", "first_at", "last_at"],
}


# The trigger SQL this revision installs, frozen as academy/admin/report_*triggers.py
# wrote it then (later revisions replace the triggers; this one must not move with them).
FROZEN = {'sqlite': {'takers_fill': ['INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                            'course_id, sex, country, constituent_group, first_at, last_at, '
                            'span_class, months, attempts, scored, score_sum, passes) SELECT '
                            'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                            'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE '
                            'WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) '
                            '< 1 THEN 0 WHEN julianday(max(a.submitted_at)) - '
                            'julianday(min(a.submitted_at)) < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                            "WHEN min(date(b.submitted_at, 'start of month')) = "
                            "max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 END FROM "
                            'attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id '
                            "AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                            'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                            'WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN quizzes AS q '
                            'ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE '
                            "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND 1 = 1 GROUP "
                            'BY a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                            'u.constituent_group'],
            'takers': [('report_takers_users',
                        'AFTER',
                        'users',
                        'UPDATE OF sex, country, constituent_group',
                        ['UPDATE report_quiz_takers SET sex = NEW.sex, country = NEW.country, '
                         'constituent_group = NEW.constituent_group WHERE user_id = NEW.id']),
                       ('report_takers_attempts_insert',
                        'AFTER',
                        'attempts',
                        'INSERT',
                        ['DELETE FROM report_quiz_takers WHERE user_id = NEW.user_id AND quiz_id = '
                         'NEW.quiz_id',
                         'INSERT INTO report_quiz_takers (user_id, quiz_id, language, course_id, '
                         'sex, country, constituent_group, first_at, last_at, span_class, months, '
                         'attempts, scored, score_sum, passes) SELECT a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, '
                         'min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN '
                         'quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = '
                         "a.user_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                         'a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP BY a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group']),
                       ('report_takers_attempts_update',
                        'AFTER',
                        'attempts',
                        'UPDATE OF state, submitted_at, score_percent, passed, language',
                        ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND quiz_id = '
                         'OLD.quiz_id',
                         'INSERT INTO report_quiz_takers (user_id, quiz_id, language, course_id, '
                         'sex, country, constituent_group, first_at, last_at, span_class, months, '
                         'attempts, scored, score_sum, passes) SELECT a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, '
                         'min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN '
                         'quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = '
                         "a.user_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                         'a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group']),
                       ('report_takers_attempts_delete',
                        'AFTER',
                        'attempts',
                        'DELETE',
                        ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND quiz_id = '
                         'OLD.quiz_id',
                         'INSERT INTO report_quiz_takers (user_id, quiz_id, language, course_id, '
                         'sex, country, constituent_group, first_at, last_at, span_class, months, '
                         'attempts, scored, score_sum, passes) SELECT a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, '
                         'min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN '
                         'quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = '
                         "a.user_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                         'a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group'])],
            'cells_fill': ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                           'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                           "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                           "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                           "u.constituent_group END, ''), count(*), count(a.score_percent), "
                           'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                           '0 END), count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN users '
                           'AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                           "AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION "
                           "ALL SELECT 'constituent_group') AS k WHERE a.state = 'submitted' AND 1 "
                           '= 1 AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) '
                           'GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                           'language, kind, value) DO UPDATE SET attempts = '
                           'report_quiz_cells.attempts + excluded.attempts, scored = '
                           'report_quiz_cells.scored + excluded.scored, score_sum = '
                           'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                           'report_quiz_cells.passes + excluded.passes, learners = '
                           'report_quiz_cells.learners + excluded.learners',
                           'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                           'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                           "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                           "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                           "u.constituent_group END, ''), count(*), sum(CASE WHEN o.correct THEN 1 "
                           'ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                           'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                           "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                           "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                           'AS k WHERE 1 = 1 AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                           'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                           '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                           'report_question_cells.answers + excluded.answers, correct = '
                           'report_question_cells.correct + excluded.correct',
                           'INSERT INTO report_question_months (quiz_id, question_id, language, '
                           'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                           "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, "
                           "''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                           'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                           'JOIN users AS u ON u.id = a.user_id WHERE 1 = 1 AND EXISTS (SELECT 1 '
                           'FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER '
                           'BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, month, '
                           'sex) DO UPDATE SET answers = report_question_months.answers + '
                           'excluded.answers, correct = report_question_months.correct + '
                           'excluded.correct',
                           'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                           'attempts, scored, score_sum, passes, single_learners) SELECT '
                           "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                           "date(a.submitted_at, 'start of month'), coalesce(u.sex, ''), count(*), "
                           'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                           'WHEN a.passed THEN 1 ELSE 0 END), 0 FROM attempts AS a LEFT JOIN users '
                           'AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                           "AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND 1 "
                           '= 1 AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) '
                           'GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                           'language, month, sex) DO UPDATE SET attempts = '
                           'report_quiz_months.attempts + excluded.attempts, scored = '
                           'report_quiz_months.scored + excluded.scored, score_sum = '
                           'report_quiz_months.score_sum + excluded.score_sum, passes = '
                           'report_quiz_months.passes + excluded.passes, single_learners = '
                           'report_quiz_months.single_learners + excluded.single_learners',
                           'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                           'attempts, scored, score_sum, passes, single_learners) SELECT '
                           "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                           "coalesce(u.sex, ''), 0, 0, 0, 0, count(DISTINCT a.user_id) FROM "
                           'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                           "min(date(a.submitted_at, 'start of month')) AS month FROM attempts AS "
                           "a WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND 1 = 1 "
                           "GROUP BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start "
                           "of month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                           'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u '
                           'ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l '
                           "WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS "
                           '(SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, '
                           '4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO '
                           'UPDATE SET attempts = report_quiz_months.attempts + excluded.attempts, '
                           'scored = report_quiz_months.scored + excluded.scored, score_sum = '
                           'report_quiz_months.score_sum + excluded.score_sum, passes = '
                           'report_quiz_months.passes + excluded.passes, single_learners = '
                           'report_quiz_months.single_learners + excluded.single_learners'],
            'cells': [('report_cells_users',
                       'AFTER',
                       'users',
                       'UPDATE OF sex, country, constituent_group',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN OLD.sex WHEN 'country' THEN OLD.country ELSE OLD.constituent_group "
                        "END, ''), -count(*), -count(a.score_percent), "
                        '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), -count(DISTINCT a.user_id) FROM attempts AS a CROSS JOIN (SELECT 1 '
                        "AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL "
                        "SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.state "
                        "= 'submitted' AND a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS "
                        'q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                        'CONFLICT (quiz_id, language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN NEW.sex WHEN 'country' THEN NEW.country ELSE NEW.constituent_group "
                        "END, ''), count(*), count(a.score_percent), "
                        'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), count(DISTINCT a.user_id) FROM attempts AS a CROSS JOIN (SELECT 1 '
                        "AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL "
                        "SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.state "
                        "= 'submitted' AND a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS "
                        'q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                        'CONFLICT (quiz_id, language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(OLD.sex, ''), -count(*), -count(a.score_percent), "
                        '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                        "AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                        'a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(OLD.sex, ''), 0, "
                        '0, 0, 0, -count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = NEW.id GROUP BY a.user_id, a.quiz_id HAVING '
                        "min(date(a.submitted_at, 'start of month')) = max(date(a.submitted_at, "
                        "'start of month'))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                        'a.quiz_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(NEW.sex, ''), count(*), count(a.score_percent), "
                        'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                        "AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                        'a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(NEW.sex, ''), 0, "
                        '0, 0, 0, count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = NEW.id GROUP BY a.user_id, a.quiz_id HAVING '
                        "min(date(a.submitted_at, 'start of month')) = max(date(a.submitted_at, "
                        "'start of month'))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                        'a.quiz_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN OLD.sex WHEN 'country' THEN OLD.country ELSE OLD.constituent_group "
                        "END, ''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                        "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') AS "
                        'k WHERE a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE '
                        'q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON '
                        'CONFLICT (quiz_id, question_id, language, kind, value) DO UPDATE SET '
                        'answers = report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(OLD.sex, "
                        "''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id WHERE '
                        'a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct',
                        'INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN NEW.sex WHEN 'country' THEN NEW.country ELSE NEW.constituent_group "
                        "END, ''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                        "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') AS "
                        'k WHERE a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE '
                        'q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON '
                        'CONFLICT (quiz_id, question_id, language, kind, value) DO UPDATE SET '
                        'answers = report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(NEW.sex, "
                        "''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id WHERE '
                        'a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_attempts_insert_before',
                       'BEFORE',
                       'attempts',
                       'INSERT',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -count(a.score_percent), -coalesce(sum(a.score_percent), "
                        '0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 END), -count(DISTINCT '
                        'a.user_id) FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                        'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT '
                        "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                        "'constituent_group') AS k WHERE a.state = 'submitted' AND a.user_id = "
                        'NEW.user_id AND a.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes '
                        'AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                        'CONFLICT (quiz_id, language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                        '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id '
                        '= NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, -count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners']),
                      ('report_cells_attempts_insert_after',
                       'AFTER',
                       'attempts',
                       'INSERT',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), "
                        'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), count(DISTINCT a.user_id) FROM '
                        'attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                        "1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION "
                        "ALL SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE "
                        "a.state = 'submitted' AND a.user_id = NEW.user_id AND a.quiz_id = "
                        'NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), count(*), count(a.score_percent), "
                        'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id '
                        '= NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners']),
                      ('report_cells_attempts_update_before',
                       'BEFORE',
                       'attempts',
                       'UPDATE OF state, submitted_at, score_percent, passed, language',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -count(a.score_percent), -coalesce(sum(a.score_percent), "
                        '0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 END), -count(DISTINCT '
                        'a.user_id) FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                        'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT '
                        "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                        "'constituent_group') AS k WHERE a.state = 'submitted' AND a.user_id = "
                        'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes '
                        'AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                        'CONFLICT (quiz_id, language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                        '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                        '= OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, -count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners']),
                      ('report_cells_attempts_update_after',
                       'AFTER',
                       'attempts',
                       'UPDATE OF state, submitted_at, score_percent, passed, language',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), "
                        'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), count(DISTINCT a.user_id) FROM '
                        'attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                        "1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION "
                        "ALL SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE "
                        "a.state = 'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = "
                        'OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), count(*), count(a.score_percent), "
                        'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                        '= OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners']),
                      ('report_cells_attempts_delete_before',
                       'BEFORE',
                       'attempts',
                       'DELETE',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -count(a.score_percent), -coalesce(sum(a.score_percent), "
                        '0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 END), -count(DISTINCT '
                        'a.user_id) FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                        'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT '
                        "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                        "'constituent_group') AS k WHERE a.state = 'submitted' AND a.user_id = "
                        'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes '
                        'AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                        'CONFLICT (quiz_id, language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                        '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                        '= OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, -count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes '
                        'AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, '
                        '5 ON CONFLICT (quiz_id, question_id, language, kind, value) DO UPDATE SET '
                        'answers = report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        '-count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = OLD.user_id AND '
                        'a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_attempts_delete_after',
                       'AFTER',
                       'attempts',
                       'DELETE',
                       ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, attempts, '
                        'scored, score_sum, passes, learners) SELECT a.quiz_id, CASE WHEN l.n = 1 '
                        "THEN a.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), "
                        'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), count(DISTINCT a.user_id) FROM '
                        'attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                        "1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION "
                        "ALL SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE "
                        "a.state = 'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = "
                        'OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, kind, value) DO UPDATE SET attempts = '
                        'report_quiz_cells.attempts + excluded.attempts, scored = '
                        'report_quiz_cells.scored + excluded.scored, score_sum = '
                        'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                        'report_quiz_cells.passes + excluded.passes, learners = '
                        'report_quiz_cells.learners + excluded.learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, date(a.submitted_at, 'start of "
                        "month'), coalesce(u.sex, ''), count(*), count(a.score_percent), "
                        'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE 0 '
                        'END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                        "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' "
                        'AND a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                        '= OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                        'language, month, sex) DO UPDATE SET attempts = '
                        'report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_quiz_months (quiz_id, language, month, sex, attempts, '
                        'scored, score_sum, passes, single_learners) SELECT a.quiz_id, CASE WHEN '
                        "l.n = 1 THEN a.language ELSE '*' END, pm.month, coalesce(u.sex, ''), 0, "
                        '0, 0, 0, count(DISTINCT a.user_id) FROM attempts AS a JOIN (SELECT '
                        "a.user_id, a.quiz_id, min(date(a.submitted_at, 'start of month')) AS "
                        "month FROM attempts AS a WHERE a.state = 'submitted' AND a.submitted_at "
                        'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                        "BY a.user_id, a.quiz_id HAVING min(date(a.submitted_at, 'start of "
                        "month')) = max(date(a.submitted_at, 'start of month'))) AS pm ON "
                        'pm.user_id = a.user_id AND pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON '
                        'u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                        "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                        'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                        '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                        'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                        'report_quiz_months.scored + excluded.scored, score_sum = '
                        'report_quiz_months.score_sum + excluded.score_sum, passes = '
                        'report_quiz_months.passes + excluded.passes, single_learners = '
                        'report_quiz_months.single_learners + excluded.single_learners',
                        'INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes '
                        'AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, '
                        '5 ON CONFLICT (quiz_id, question_id, language, kind, value) DO UPDATE SET '
                        'answers = report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        'count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = OLD.user_id AND '
                        'a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_outcomes_insert_before',
                       'BEFORE',
                       'question_outcomes',
                       'INSERT',
                       ['INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        '(SELECT t.user_id FROM attempts AS t WHERE t.id = NEW.attempt_id) AND '
                        'o.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                        'report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        '-count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = (SELECT t.user_id '
                        'FROM attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = '
                        'NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_outcomes_insert_after',
                       'AFTER',
                       'question_outcomes',
                       'INSERT',
                       ['INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        '(SELECT t.user_id FROM attempts AS t WHERE t.id = NEW.attempt_id) AND '
                        'o.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                        'report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        'count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = (SELECT t.user_id '
                        'FROM attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = '
                        'NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_outcomes_delete_before',
                       'BEFORE',
                       'question_outcomes',
                       'DELETE',
                       ['INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        '(SELECT t.user_id FROM attempts AS t WHERE t.id = OLD.attempt_id) AND '
                        'o.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                        'report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        '-count(*), -sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = (SELECT t.user_id '
                        'FROM attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = '
                        'OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_outcomes_delete_after',
                       'AFTER',
                       'question_outcomes',
                       'DELETE',
                       ['INSERT INTO report_question_cells (quiz_id, question_id, language, kind, '
                        'value, answers, correct) SELECT o.quiz_id, o.question_id, CASE WHEN l.n = '
                        "1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE k.kind WHEN 'sex' "
                        "THEN u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                        "''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM "
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                        "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                        "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id = "
                        '(SELECT t.user_id FROM attempts AS t WHERE t.id = OLD.attempt_id) AND '
                        'o.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id '
                        '= o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                        'report_question_cells.answers + excluded.answers, correct = '
                        'report_question_cells.correct + excluded.correct',
                        'INSERT INTO report_question_months (quiz_id, question_id, language, '
                        'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                        "o.language, date(o.submitted_on, 'start of month'), coalesce(u.sex, ''), "
                        'count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                        'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id LEFT '
                        'JOIN users AS u ON u.id = a.user_id WHERE a.user_id = (SELECT t.user_id '
                        'FROM attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = '
                        'OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                        'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                        '(quiz_id, question_id, language, month, sex) DO UPDATE SET answers = '
                        'report_question_months.answers + excluded.answers, correct = '
                        'report_question_months.correct + excluded.correct']),
                      ('report_cells_quizzes_delete',
                       'AFTER',
                       'quizzes',
                       'DELETE',
                       ['DELETE FROM report_quiz_cells WHERE quiz_id = OLD.id',
                        'DELETE FROM report_question_cells WHERE quiz_id = OLD.id',
                        'DELETE FROM report_question_months WHERE quiz_id = OLD.id',
                        'DELETE FROM report_quiz_months WHERE quiz_id = OLD.id'])],
            'enrolments_fill': ['INSERT INTO report_enrolments (enrolment_id, user_id, course_id, '
                                'cohort_id, content_language, enrolled_at, sex, country, '
                                'constituent_group, first_active_at, last_active_at, '
                                'completed_at) \n'
                                'SELECT e.id, e.user_id, e.course_id, e.cohort_id, '
                                'e.content_language, e.enrolled_at,\n'
                                '       u.sex, u.country, u.constituent_group, act.first_at, '
                                'act.last_at, c.completed_at\n'
                                'FROM enrolments AS e\n'
                                'LEFT JOIN users AS u ON u.id = e.user_id\n'
                                'LEFT JOIN course_completions AS c ON c.user_id = e.user_id AND '
                                'c.course_id = e.course_id\n'
                                'LEFT JOIN (\n'
                                '    SELECT user_id, course_id, min(first_at) AS first_at, '
                                'max(last_at) AS last_at\n'
                                '    FROM (\n'
                                '        SELECT lc.user_id AS user_id, l.course_id AS course_id,\n'
                                '               min(lc.completed_at) AS first_at, '
                                'max(lc.completed_at) AS last_at\n'
                                '        FROM lesson_completions AS lc JOIN lessons AS l ON l.id = '
                                'lc.lesson_id\n'
                                '        GROUP BY lc.user_id, l.course_id\n'
                                '        UNION ALL\n'
                                '        SELECT a.user_id, q.course_id, min(a.started_at), '
                                'max(a.started_at)\n'
                                '        FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id\n'
                                '        GROUP BY a.user_id, q.course_id\n'
                                '    ) AS each_kind\n'
                                '    GROUP BY user_id, course_id\n'
                                ') AS act ON act.user_id = e.user_id AND act.course_id = '
                                'e.course_id\n'],
            'enrolments': [('report_enrolments_enrolments_insert',
                            'AFTER',
                            'enrolments',
                            'INSERT',
                            ['INSERT INTO report_enrolments (enrolment_id, user_id, course_id, '
                             'cohort_id, content_language, enrolled_at) VALUES (NEW.id, '
                             'NEW.user_id, NEW.course_id, NEW.cohort_id, NEW.content_language, '
                             'NEW.enrolled_at)',
                             'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_enrolments_update',
                            'AFTER',
                            'enrolments',
                            'UPDATE',
                            ['DELETE FROM report_enrolments WHERE enrolment_id = OLD.id',
                             'INSERT INTO report_enrolments (enrolment_id, user_id, course_id, '
                             'cohort_id, content_language, enrolled_at) VALUES (NEW.id, '
                             'NEW.user_id, NEW.course_id, NEW.cohort_id, NEW.content_language, '
                             'NEW.enrolled_at)',
                             'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_enrolments_delete',
                            'AFTER',
                            'enrolments',
                            'DELETE',
                            ['DELETE FROM report_enrolments WHERE enrolment_id = OLD.id']),
                           ('report_enrolments_users_update',
                            'AFTER',
                            'users',
                            'UPDATE OF sex, country, constituent_group',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.id']),
                           ('report_enrolments_lesson_completions_insert',
                            'AFTER',
                            'lesson_completions',
                            'INSERT',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_lesson_completions_update',
                            'AFTER',
                            'lesson_completions',
                            'UPDATE',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                             'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_lesson_completions_delete',
                            'AFTER',
                            'lesson_completions',
                            'DELETE',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id']),
                           ('report_enrolments_attempts_insert',
                            'AFTER',
                            'attempts',
                            'INSERT',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_attempts_update',
                            'AFTER',
                            'attempts',
                            'UPDATE OF user_id, quiz_id, started_at',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                             'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_attempts_delete',
                            'AFTER',
                            'attempts',
                            'DELETE',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id']),
                           ('report_enrolments_course_completions_insert',
                            'AFTER',
                            'course_completions',
                            'INSERT',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_course_completions_update',
                            'AFTER',
                            'course_completions',
                            'UPDATE',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                             'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                           ('report_enrolments_course_completions_delete',
                            'AFTER',
                            'course_completions',
                            'DELETE',
                            ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), country = (SELECT u.country '
                             'FROM users AS u WHERE u.id = report_enrolments.user_id), '
                             'constituent_group = (SELECT u.constituent_group FROM users AS u '
                             'WHERE u.id = report_enrolments.user_id), first_active_at = '
                             'min(coalesce((SELECT min(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT min(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT min(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), last_active_at = '
                             'max(coalesce((SELECT max(lc.completed_at) FROM lesson_completions AS '
                             'lc JOIN lessons AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                             'report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                             'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE a.user_id '
                             '= report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id)), coalesce((SELECT max(a.started_at) '
                             'FROM attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                             'a.user_id = report_enrolments.user_id AND q.course_id = '
                             'report_enrolments.course_id), (SELECT max(lc.completed_at) FROM '
                             'lesson_completions AS lc JOIN lessons AS l ON l.id = lc.lesson_id '
                             'WHERE lc.user_id = report_enrolments.user_id AND l.course_id = '
                             'report_enrolments.course_id))), completed_at = (SELECT '
                             'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                             'report_enrolments.user_id AND c.course_id = '
                             'report_enrolments.course_id) WHERE user_id = OLD.user_id'])]},
 'postgresql': {'takers_fill': ['INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                                'course_id, sex, country, constituent_group, first_at, last_at, '
                                'span_class, months, attempts, scored, score_sum, passes) SELECT '
                                'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                                'u.constituent_group, min(a.submitted_at), max(a.submitted_at), '
                                'CASE WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                                'min(a.submitted_at))) / 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH '
                                'FROM (max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 31 '
                                "THEN 1 ELSE 2 END, (SELECT CASE WHEN min(CAST(date_trunc('month', "
                                "b.submitted_at AT TIME ZONE 'UTC') AS DATE)) = "
                                "max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                                'AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE b.user_id = '
                                "a.user_id AND b.quiz_id = a.quiz_id AND b.state = 'submitted' AND "
                                'b.submitted_at IS NOT NULL), count(*), count(a.score_percent), '
                                'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 '
                                'ELSE 0 END) FROM attempts AS a JOIN quizzes AS q ON q.id = '
                                'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.state '
                                "= 'submitted' AND a.submitted_at IS NOT NULL AND 1 = 1 GROUP BY "
                                'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                                'u.constituent_group'],
                'takers': [('report_takers_users',
                            'AFTER',
                            'users',
                            'UPDATE OF sex, country, constituent_group',
                            ['UPDATE report_quiz_takers SET sex = NEW.sex, country = NEW.country, '
                             'constituent_group = NEW.constituent_group WHERE user_id = NEW.id']),
                           ('report_takers_attempts_insert',
                            'AFTER',
                            'attempts',
                            'INSERT',
                            ['DELETE FROM report_quiz_takers WHERE user_id = NEW.user_id AND '
                             'quiz_id = NEW.quiz_id',
                             'INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                             'course_id, sex, country, constituent_group, first_at, last_at, '
                             'span_class, months, attempts, scored, score_sum, passes) SELECT '
                             'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                             'min(a.submitted_at))) / 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                             "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE '
                             "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                             'NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP BY a.user_id, '
                             'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group']),
                           ('report_takers_attempts_update',
                            'AFTER',
                            'attempts',
                            'UPDATE OF state, submitted_at, score_percent, passed, language',
                            ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND '
                             'quiz_id = OLD.quiz_id',
                             'INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                             'course_id, sex, country, constituent_group, first_at, last_at, '
                             'span_class, months, attempts, scored, score_sum, passes) SELECT '
                             'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                             'min(a.submitted_at))) / 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                             "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE '
                             "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                             'OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, '
                             'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group']),
                           ('report_takers_attempts_delete',
                            'AFTER',
                            'attempts',
                            'DELETE',
                            ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND '
                             'quiz_id = OLD.quiz_id',
                             'INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                             'course_id, sex, country, constituent_group, first_at, last_at, '
                             'span_class, months, attempts, scored, score_sum, passes) SELECT '
                             'a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                             'min(a.submitted_at))) / 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                             "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE '
                             "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                             'OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, '
                             'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group'])],
                'cells_fill': ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                               'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, '
                               "CASE WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, "
                               "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN "
                               "u.country ELSE u.constituent_group END, ''), count(*), "
                               'count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                               'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), count(DISTINCT '
                               'a.user_id) FROM attempts AS a LEFT JOIN users AS u ON u.id = '
                               'a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS '
                               "JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL "
                               "SELECT 'constituent_group') AS k WHERE a.state = 'submitted' AND 1 "
                               '= 1 AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) '
                               'GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, '
                               'language, kind, value) DO UPDATE SET attempts = '
                               'report_quiz_cells.attempts + excluded.attempts, scored = '
                               'report_quiz_cells.scored + excluded.scored, score_sum = '
                               'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                               'report_quiz_cells.passes + excluded.passes, learners = '
                               'report_quiz_cells.learners + excluded.learners',
                               'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                               'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, '
                               "CASE WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, "
                               "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN "
                               "u.country ELSE u.constituent_group END, ''), count(*), sum(CASE "
                               'WHEN o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN '
                               'attempts AS a ON a.id = o.attempt_id LEFT JOIN users AS u ON u.id '
                               '= a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l '
                               "CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION "
                               "ALL SELECT 'constituent_group') AS k WHERE 1 = 1 AND EXISTS "
                               '(SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, '
                               '3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, '
                               'language, kind, value) DO UPDATE SET answers = '
                               'report_question_cells.answers + excluded.answers, correct = '
                               'report_question_cells.correct + excluded.correct',
                               'INSERT INTO report_question_months (quiz_id, question_id, '
                               'language, month, sex, answers, correct) SELECT o.quiz_id, '
                               "o.question_id, o.language, CAST(date_trunc('month', "
                               "o.submitted_on) AS DATE), coalesce(u.sex, ''), count(*), sum(CASE "
                               'WHEN o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN '
                               'attempts AS a ON a.id = o.attempt_id LEFT JOIN users AS u ON u.id '
                               '= a.user_id WHERE 1 = 1 AND EXISTS (SELECT 1 FROM quizzes AS q '
                               'WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, '
                               '4, 5 ON CONFLICT (quiz_id, question_id, language, month, sex) DO '
                               'UPDATE SET answers = report_question_months.answers + '
                               'excluded.answers, correct = report_question_months.correct + '
                               'excluded.correct',
                               'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                               'attempts, scored, score_sum, passes, single_learners) SELECT '
                               "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                               "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                               "DATE), coalesce(u.sex, ''), count(*), count(a.score_percent), "
                               'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 '
                               'ELSE 0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = '
                               'a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                               "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND 1 = 1 AND "
                               'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                               'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                               'month, sex) DO UPDATE SET attempts = report_quiz_months.attempts + '
                               'excluded.attempts, scored = report_quiz_months.scored + '
                               'excluded.scored, score_sum = report_quiz_months.score_sum + '
                               'excluded.score_sum, passes = report_quiz_months.passes + '
                               'excluded.passes, single_learners = '
                               'report_quiz_months.single_learners + excluded.single_learners',
                               'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                               'attempts, scored, score_sum, passes, single_learners) SELECT '
                               "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                               "pm.month, coalesce(u.sex, ''), 0, 0, 0, 0, count(DISTINCT "
                               'a.user_id) FROM attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                               "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                               "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                               'a.submitted_at IS NOT NULL AND 1 = 1 GROUP BY a.user_id, a.quiz_id '
                               "HAVING min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                               "'UTC') AS DATE)) = max(CAST(date_trunc('month', a.submitted_at AT "
                               "TIME ZONE 'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND "
                               'pm.quiz_id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id '
                               'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = '
                               "'submitted' AND a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 "
                               'FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 '
                               'ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO '
                               'UPDATE SET attempts = report_quiz_months.attempts + '
                               'excluded.attempts, scored = report_quiz_months.scored + '
                               'excluded.scored, score_sum = report_quiz_months.score_sum + '
                               'excluded.score_sum, passes = report_quiz_months.passes + '
                               'excluded.passes, single_learners = '
                               'report_quiz_months.single_learners + excluded.single_learners'],
                'cells': [('report_cells_users',
                           'AFTER',
                           'users',
                           'UPDATE OF sex, country, constituent_group',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN OLD.sex WHEN 'country' THEN OLD.country ELSE "
                            "OLD.constituent_group END, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), -count(DISTINCT a.user_id) FROM attempts AS a CROSS JOIN '
                            "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                            "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                            "AS k WHERE a.state = 'submitted' AND a.user_id = NEW.id AND EXISTS "
                            '(SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, '
                            '4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, kind, value) DO '
                            'UPDATE SET attempts = report_quiz_cells.attempts + excluded.attempts, '
                            'scored = report_quiz_cells.scored + excluded.scored, score_sum = '
                            'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                            'report_quiz_cells.passes + excluded.passes, learners = '
                            'report_quiz_cells.learners + excluded.learners',
                            'INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN NEW.sex WHEN 'country' THEN NEW.country ELSE "
                            "NEW.constituent_group END, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), count(DISTINCT a.user_id) FROM attempts AS a CROSS JOIN '
                            "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                            "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                            "AS k WHERE a.state = 'submitted' AND a.user_id = NEW.id AND EXISTS "
                            '(SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, '
                            '4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, kind, value) DO '
                            'UPDATE SET attempts = report_quiz_cells.attempts + excluded.attempts, '
                            'scored = report_quiz_cells.scored + excluded.scored, score_sum = '
                            'report_quiz_cells.score_sum + excluded.score_sum, passes = '
                            'report_quiz_cells.passes + excluded.passes, learners = '
                            'report_quiz_cells.learners + excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(OLD.sex, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), 0 FROM attempts AS a CROSS JOIN (SELECT 1 AS n UNION ALL '
                            "SELECT 2) AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT "
                            'NULL AND a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(OLD.sex, ''), 0, 0, 0, 0, -count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = NEW.id GROUP BY a.user_id, '
                            "a.quiz_id HAVING min(CAST(date_trunc('month', a.submitted_at AT TIME "
                            "ZONE 'UTC') AS DATE)) = max(CAST(date_trunc('month', a.submitted_at "
                            "AT TIME ZONE 'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND "
                            'pm.quiz_id = a.quiz_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                            "AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                            'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY '
                            '1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, month, '
                            'sex) DO UPDATE SET attempts = report_quiz_months.attempts + '
                            'excluded.attempts, scored = report_quiz_months.scored + '
                            'excluded.scored, score_sum = report_quiz_months.score_sum + '
                            'excluded.score_sum, passes = report_quiz_months.passes + '
                            'excluded.passes, single_learners = report_quiz_months.single_learners '
                            '+ excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(NEW.sex, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), 0 FROM attempts AS a CROSS JOIN (SELECT 1 AS n UNION ALL '
                            "SELECT 2) AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT "
                            'NULL AND a.user_id = NEW.id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(NEW.sex, ''), 0, 0, 0, 0, count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = NEW.id GROUP BY a.user_id, '
                            "a.quiz_id HAVING min(CAST(date_trunc('month', a.submitted_at AT TIME "
                            "ZONE 'UTC') AS DATE)) = max(CAST(date_trunc('month', a.submitted_at "
                            "AT TIME ZONE 'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND "
                            'pm.quiz_id = a.quiz_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) '
                            "AS l WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND "
                            'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP BY '
                            '1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, month, '
                            'sex) DO UPDATE SET attempts = report_quiz_months.attempts + '
                            'excluded.attempts, scored = report_quiz_months.scored + '
                            'excluded.scored, score_sum = report_quiz_months.score_sum + '
                            'excluded.score_sum, passes = report_quiz_months.passes + '
                            'excluded.passes, single_learners = report_quiz_months.single_learners '
                            '+ excluded.single_learners',
                            'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN OLD.sex WHEN 'country' THEN OLD.country ELSE "
                            "OLD.constituent_group END, ''), -count(*), -sum(CASE WHEN o.correct "
                            'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                            'a.id = o.attempt_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS '
                            "l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION "
                            "ALL SELECT 'constituent_group') AS k WHERE a.user_id = NEW.id AND "
                            'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY '
                            '1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, '
                            'question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(OLD.sex, ''), -count(*), -sum(CASE WHEN o.correct THEN 1 "
                            'ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id WHERE a.user_id = NEW.id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY '
                            '1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, month, '
                            'sex) DO UPDATE SET answers = report_question_months.answers + '
                            'excluded.answers, correct = report_question_months.correct + '
                            'excluded.correct',
                            'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN NEW.sex WHEN 'country' THEN NEW.country ELSE "
                            "NEW.constituent_group END, ''), count(*), sum(CASE WHEN o.correct "
                            'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                            'a.id = o.attempt_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS '
                            "l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION "
                            "ALL SELECT 'constituent_group') AS k WHERE a.user_id = NEW.id AND "
                            'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY '
                            '1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, '
                            'question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(NEW.sex, ''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE "
                            '0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id WHERE a.user_id = NEW.id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY '
                            '1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, month, '
                            'sex) DO UPDATE SET answers = report_question_months.answers + '
                            'excluded.answers, correct = report_question_months.correct + '
                            'excluded.correct']),
                          ('report_cells_attempts_insert_before',
                           'BEFORE',
                           'attempts',
                           'INSERT',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), -count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN '
                            'users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                            "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                            "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = '
                            'a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                            "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'NEW.user_id AND a.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, -count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id '
                            '= NEW.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners']),
                          ('report_cells_attempts_insert_after',
                           'AFTER',
                           'attempts',
                           'INSERT',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN users '
                            'AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT '
                            "2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' "
                            "UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                            'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = '
                            "'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'NEW.user_id AND a.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id '
                            '= NEW.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners']),
                          ('report_cells_attempts_update_before',
                           'BEFORE',
                           'attempts',
                           'UPDATE OF state, submitted_at, score_percent, passed, language',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), -count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN '
                            'users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                            "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                            "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = '
                            'a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                            "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, -count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                            '= OLD.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners']),
                          ('report_cells_attempts_update_after',
                           'AFTER',
                           'attempts',
                           'UPDATE OF state, submitted_at, score_percent, passed, language',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN users '
                            'AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT '
                            "2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' "
                            "UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                            'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = '
                            "'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                            '= OLD.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners']),
                          ('report_cells_attempts_delete_before',
                           'BEFORE',
                           'attempts',
                           'DELETE',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), -count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN '
                            'users AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL '
                            "SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                            "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -count(a.score_percent), "
                            '-coalesce(sum(a.score_percent), 0), -sum(CASE WHEN a.passed THEN 1 '
                            'ELSE 0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = '
                            'a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE '
                            "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, -count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                            '= OLD.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -sum(CASE WHEN o.correct "
                            'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                            'a.id = o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                            "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' "
                            "AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                            "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND a.quiz_id "
                            '= OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                            'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                            '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE "
                            '0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY '
                            '1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, month, '
                            'sex) DO UPDATE SET answers = report_question_months.answers + '
                            'excluded.answers, correct = report_question_months.correct + '
                            'excluded.correct']),
                          ('report_cells_attempts_delete_after',
                           'AFTER',
                           'attempts',
                           'DELETE',
                           ['INSERT INTO report_quiz_cells (quiz_id, language, kind, value, '
                            'attempts, scored, score_sum, passes, learners) SELECT a.quiz_id, CASE '
                            "WHEN l.n = 1 THEN a.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), count(DISTINCT a.user_id) FROM attempts AS a LEFT JOIN users '
                            'AS u ON u.id = a.user_id CROSS JOIN (SELECT 1 AS n UNION ALL SELECT '
                            "2) AS l CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT 'country' "
                            "UNION ALL SELECT 'constituent_group') AS k WHERE a.state = "
                            "'submitted' AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id "
                            'AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = a.quiz_id) GROUP '
                            'BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON CONFLICT (quiz_id, language, '
                            'kind, value) DO UPDATE SET attempts = report_quiz_cells.attempts + '
                            'excluded.attempts, scored = report_quiz_cells.scored + '
                            'excluded.scored, score_sum = report_quiz_cells.score_sum + '
                            'excluded.score_sum, passes = report_quiz_cells.passes + '
                            'excluded.passes, learners = report_quiz_cells.learners + '
                            'excluded.learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, "
                            "CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS DATE), "
                            "coalesce(u.sex, ''), count(*), count(a.score_percent), "
                            'coalesce(sum(a.score_percent), 0), sum(CASE WHEN a.passed THEN 1 ELSE '
                            '0 END), 0 FROM attempts AS a LEFT JOIN users AS u ON u.id = a.user_id '
                            'CROSS JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l WHERE a.state = '
                            "'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                            'OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, '
                            '2, 3, 4 ON CONFLICT (quiz_id, language, month, sex) DO UPDATE SET '
                            'attempts = report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_quiz_months (quiz_id, language, month, sex, '
                            'attempts, scored, score_sum, passes, single_learners) SELECT '
                            "a.quiz_id, CASE WHEN l.n = 1 THEN a.language ELSE '*' END, pm.month, "
                            "coalesce(u.sex, ''), 0, 0, 0, 0, count(DISTINCT a.user_id) FROM "
                            'attempts AS a JOIN (SELECT a.user_id, a.quiz_id, '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) AS month FROM attempts AS a WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id '
                            '= OLD.quiz_id GROUP BY a.user_id, a.quiz_id HAVING '
                            "min(CAST(date_trunc('month', a.submitted_at AT TIME ZONE 'UTC') AS "
                            "DATE)) = max(CAST(date_trunc('month', a.submitted_at AT TIME ZONE "
                            "'UTC') AS DATE))) AS pm ON pm.user_id = a.user_id AND pm.quiz_id = "
                            'a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                            "1 AS n UNION ALL SELECT 2) AS l WHERE a.state = 'submitted' AND "
                            'a.submitted_at IS NOT NULL AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = a.quiz_id) GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 ON '
                            'CONFLICT (quiz_id, language, month, sex) DO UPDATE SET attempts = '
                            'report_quiz_months.attempts + excluded.attempts, scored = '
                            'report_quiz_months.scored + excluded.scored, score_sum = '
                            'report_quiz_months.score_sum + excluded.score_sum, passes = '
                            'report_quiz_months.passes + excluded.passes, single_learners = '
                            'report_quiz_months.single_learners + excluded.single_learners',
                            'INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), sum(CASE WHEN o.correct THEN "
                            '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                            '= o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                            "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                            "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                            'AS k WHERE a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id AND '
                            'EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY '
                            '1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, '
                            'question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 "
                            'END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= OLD.user_id AND a.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM '
                            'quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY '
                            '1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, month, '
                            'sex) DO UPDATE SET answers = report_question_months.answers + '
                            'excluded.answers, correct = report_question_months.correct + '
                            'excluded.correct']),
                          ('report_cells_outcomes_insert_before',
                           'BEFORE',
                           'question_outcomes',
                           'INSERT',
                           ['INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -sum(CASE WHEN o.correct "
                            'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                            'a.id = o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                            "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' "
                            "AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                            "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                            'attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = '
                            'NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                            'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                            '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE "
                            '0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= (SELECT t.user_id FROM attempts AS t WHERE t.id = NEW.attempt_id) '
                            'AND o.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 '
                            'ON CONFLICT (quiz_id, question_id, language, month, sex) DO UPDATE '
                            'SET answers = report_question_months.answers + excluded.answers, '
                            'correct = report_question_months.correct + excluded.correct']),
                          ('report_cells_outcomes_insert_after',
                           'AFTER',
                           'question_outcomes',
                           'INSERT',
                           ['INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), sum(CASE WHEN o.correct THEN "
                            '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                            '= o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                            "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                            "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                            'AS k WHERE a.user_id = (SELECT t.user_id FROM attempts AS t WHERE '
                            't.id = NEW.attempt_id) AND o.quiz_id = NEW.quiz_id AND EXISTS (SELECT '
                            '1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 '
                            'ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, '
                            'kind, value) DO UPDATE SET answers = report_question_cells.answers + '
                            'excluded.answers, correct = report_question_cells.correct + '
                            'excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 "
                            'END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= (SELECT t.user_id FROM attempts AS t WHERE t.id = NEW.attempt_id) '
                            'AND o.quiz_id = NEW.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 '
                            'ON CONFLICT (quiz_id, question_id, language, month, sex) DO UPDATE '
                            'SET answers = report_question_months.answers + excluded.answers, '
                            'correct = report_question_months.correct + excluded.correct']),
                          ('report_cells_outcomes_delete_before',
                           'BEFORE',
                           'question_outcomes',
                           'DELETE',
                           ['INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), -count(*), -sum(CASE WHEN o.correct "
                            'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                            'a.id = o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS '
                            "JOIN (SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' "
                            "AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                            "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                            'attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = '
                            'OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q WHERE q.id = '
                            'o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 ON CONFLICT '
                            '(quiz_id, question_id, language, kind, value) DO UPDATE SET answers = '
                            'report_question_cells.answers + excluded.answers, correct = '
                            'report_question_cells.correct + excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), -count(*), -sum(CASE WHEN o.correct THEN 1 ELSE "
                            '0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= (SELECT t.user_id FROM attempts AS t WHERE t.id = OLD.attempt_id) '
                            'AND o.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 '
                            'ON CONFLICT (quiz_id, question_id, language, month, sex) DO UPDATE '
                            'SET answers = report_question_months.answers + excluded.answers, '
                            'correct = report_question_months.correct + excluded.correct']),
                          ('report_cells_outcomes_delete_after',
                           'AFTER',
                           'question_outcomes',
                           'DELETE',
                           ['INSERT INTO report_question_cells (quiz_id, question_id, language, '
                            'kind, value, answers, correct) SELECT o.quiz_id, o.question_id, CASE '
                            "WHEN l.n = 1 THEN o.language ELSE '*' END, k.kind, coalesce(CASE "
                            "k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country ELSE "
                            "u.constituent_group END, ''), count(*), sum(CASE WHEN o.correct THEN "
                            '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                            '= o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                            "(SELECT 1 AS n UNION ALL SELECT 2) AS l CROSS JOIN (SELECT 'sex' AS "
                            "kind UNION ALL SELECT 'country' UNION ALL SELECT 'constituent_group') "
                            'AS k WHERE a.user_id = (SELECT t.user_id FROM attempts AS t WHERE '
                            't.id = OLD.attempt_id) AND o.quiz_id = OLD.quiz_id AND EXISTS (SELECT '
                            '1 FROM quizzes AS q WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 '
                            'ORDER BY 1, 2, 3, 4, 5 ON CONFLICT (quiz_id, question_id, language, '
                            'kind, value) DO UPDATE SET answers = report_question_cells.answers + '
                            'excluded.answers, correct = report_question_cells.correct + '
                            'excluded.correct',
                            'INSERT INTO report_question_months (quiz_id, question_id, language, '
                            'month, sex, answers, correct) SELECT o.quiz_id, o.question_id, '
                            "o.language, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                            "coalesce(u.sex, ''), count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 "
                            'END) FROM question_outcomes AS o JOIN attempts AS a ON a.id = '
                            'o.attempt_id LEFT JOIN users AS u ON u.id = a.user_id WHERE a.user_id '
                            '= (SELECT t.user_id FROM attempts AS t WHERE t.id = OLD.attempt_id) '
                            'AND o.quiz_id = OLD.quiz_id AND EXISTS (SELECT 1 FROM quizzes AS q '
                            'WHERE q.id = o.quiz_id) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5 '
                            'ON CONFLICT (quiz_id, question_id, language, month, sex) DO UPDATE '
                            'SET answers = report_question_months.answers + excluded.answers, '
                            'correct = report_question_months.correct + excluded.correct']),
                          ('report_cells_quizzes_delete',
                           'AFTER',
                           'quizzes',
                           'DELETE',
                           ['DELETE FROM report_quiz_cells WHERE quiz_id = OLD.id',
                            'DELETE FROM report_question_cells WHERE quiz_id = OLD.id',
                            'DELETE FROM report_question_months WHERE quiz_id = OLD.id',
                            'DELETE FROM report_quiz_months WHERE quiz_id = OLD.id'])],
                'enrolments_fill': ['INSERT INTO report_enrolments (enrolment_id, user_id, '
                                    'course_id, cohort_id, content_language, enrolled_at, sex, '
                                    'country, constituent_group, first_active_at, last_active_at, '
                                    'completed_at) \n'
                                    'SELECT e.id, e.user_id, e.course_id, e.cohort_id, '
                                    'e.content_language, e.enrolled_at,\n'
                                    '       u.sex, u.country, u.constituent_group, act.first_at, '
                                    'act.last_at, c.completed_at\n'
                                    'FROM enrolments AS e\n'
                                    'LEFT JOIN users AS u ON u.id = e.user_id\n'
                                    'LEFT JOIN course_completions AS c ON c.user_id = e.user_id '
                                    'AND c.course_id = e.course_id\n'
                                    'LEFT JOIN (\n'
                                    '    SELECT user_id, course_id, min(first_at) AS first_at, '
                                    'max(last_at) AS last_at\n'
                                    '    FROM (\n'
                                    '        SELECT lc.user_id AS user_id, l.course_id AS '
                                    'course_id,\n'
                                    '               min(lc.completed_at) AS first_at, '
                                    'max(lc.completed_at) AS last_at\n'
                                    '        FROM lesson_completions AS lc JOIN lessons AS l ON '
                                    'l.id = lc.lesson_id\n'
                                    '        GROUP BY lc.user_id, l.course_id\n'
                                    '        UNION ALL\n'
                                    '        SELECT a.user_id, q.course_id, min(a.started_at), '
                                    'max(a.started_at)\n'
                                    '        FROM attempts AS a JOIN quizzes AS q ON q.id = '
                                    'a.quiz_id\n'
                                    '        GROUP BY a.user_id, q.course_id\n'
                                    '    ) AS each_kind\n'
                                    '    GROUP BY user_id, course_id\n'
                                    ') AS act ON act.user_id = e.user_id AND act.course_id = '
                                    'e.course_id\n'],
                'enrolments': [('report_enrolments_enrolments_insert',
                                'AFTER',
                                'enrolments',
                                'INSERT',
                                ['INSERT INTO report_enrolments (enrolment_id, user_id, course_id, '
                                 'cohort_id, content_language, enrolled_at) VALUES (NEW.id, '
                                 'NEW.user_id, NEW.course_id, NEW.cohort_id, NEW.content_language, '
                                 'NEW.enrolled_at)',
                                 'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_enrolments_update',
                                'AFTER',
                                'enrolments',
                                'UPDATE',
                                ['DELETE FROM report_enrolments WHERE enrolment_id = OLD.id',
                                 'INSERT INTO report_enrolments (enrolment_id, user_id, course_id, '
                                 'cohort_id, content_language, enrolled_at) VALUES (NEW.id, '
                                 'NEW.user_id, NEW.course_id, NEW.cohort_id, NEW.content_language, '
                                 'NEW.enrolled_at)',
                                 'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_enrolments_delete',
                                'AFTER',
                                'enrolments',
                                'DELETE',
                                ['DELETE FROM report_enrolments WHERE enrolment_id = OLD.id']),
                               ('report_enrolments_users_update',
                                'AFTER',
                                'users',
                                'UPDATE OF sex, country, constituent_group',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.id']),
                               ('report_enrolments_lesson_completions_insert',
                                'AFTER',
                                'lesson_completions',
                                'INSERT',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_lesson_completions_update',
                                'AFTER',
                                'lesson_completions',
                                'UPDATE',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                                 'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_lesson_completions_delete',
                                'AFTER',
                                'lesson_completions',
                                'DELETE',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id']),
                               ('report_enrolments_attempts_insert',
                                'AFTER',
                                'attempts',
                                'INSERT',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_attempts_update',
                                'AFTER',
                                'attempts',
                                'UPDATE OF user_id, quiz_id, started_at',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                                 'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_attempts_delete',
                                'AFTER',
                                'attempts',
                                'DELETE',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id']),
                               ('report_enrolments_course_completions_insert',
                                'AFTER',
                                'course_completions',
                                'INSERT',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_course_completions_update',
                                'AFTER',
                                'course_completions',
                                'UPDATE',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id',
                                 'UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = NEW.user_id']),
                               ('report_enrolments_course_completions_delete',
                                'AFTER',
                                'course_completions',
                                'DELETE',
                                ['UPDATE report_enrolments SET sex = (SELECT u.sex FROM users AS u '
                                 'WHERE u.id = report_enrolments.user_id), country = (SELECT '
                                 'u.country FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), constituent_group = (SELECT '
                                 'u.constituent_group FROM users AS u WHERE u.id = '
                                 'report_enrolments.user_id), first_active_at = LEAST((SELECT '
                                 'min(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT min(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), last_active_at = GREATEST((SELECT '
                                 'max(lc.completed_at) FROM lesson_completions AS lc JOIN lessons '
                                 'AS l ON l.id = lc.lesson_id WHERE lc.user_id = '
                                 'report_enrolments.user_id AND l.course_id = '
                                 'report_enrolments.course_id), (SELECT max(a.started_at) FROM '
                                 'attempts AS a JOIN quizzes AS q ON q.id = a.quiz_id WHERE '
                                 'a.user_id = report_enrolments.user_id AND q.course_id = '
                                 'report_enrolments.course_id)), completed_at = (SELECT '
                                 'c.completed_at FROM course_completions AS c WHERE c.user_id = '
                                 'report_enrolments.user_id AND c.course_id = '
                                 'report_enrolments.course_id) WHERE user_id = OLD.user_id'])]}}


def _create(trigger, dialect):
    """row_triggers.create_statements as it was when this revision was written."""
    name, timing, table, events, body = trigger
    if dialect == "postgresql":
        done = "RETURN NULL;"
        if timing == "BEFORE":
            done = "IF TG_OP = 'DELETE' THEN RETURN OLD; END IF; RETURN NEW;"
        return [
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN "
            + "; ".join(body)
            + f"; {done} END $$ LANGUAGE plpgsql",
            f"CREATE TRIGGER {name} {timing} {events} ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}()",
        ]
    return [
        f"CREATE TRIGGER {name} {timing} {events} ON {table} FOR EACH ROW BEGIN "
        + "; ".join(body)
        + "; END"
    ]


def _drop(bind, part):
    dialect = bind.dialect.name
    for name, _timing, table, *_rest in FROZEN[dialect][part]:
        if dialect == "postgresql":
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS {name} ON {table}"))
        else:
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))


def _install(bind, part):
    _drop(bind, part)
    for trigger in FROZEN[bind.dialect.name][part]:
        for statement in _create(trigger, bind.dialect.name):
            bind.execute(sa.text(statement))


def _fill(bind, part):
    for statement in FROZEN[bind.dialect.name][part + "_fill"]:
        bind.execute(sa.text(statement))


def upgrade():
    op.create_table(
        "report_enrolments",
        sa.Column("enrolment_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("cohort_id", sa.Integer(), nullable=True),
        sa.Column("content_language", sa.String(length=20), nullable=False),
        sa.Column("enrolled_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("constituent_group", sa.String(length=32), nullable=True),
        sa.Column("first_active_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_active_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("completed_at", academy.database.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("enrolment_id", name=op.f("pk_report_enrolments")),
    )
    op.create_table(
        "report_quiz_cells",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.Column("learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id", "language", "kind", "value", name=op.f("pk_report_quiz_cells")
        ),
    )
    op.create_table(
        "report_question_cells",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id",
            "question_id",
            "language",
            "kind",
            "value",
            name=op.f("pk_report_question_cells"),
        ),
    )
    op.create_table(
        "report_quiz_takers",
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=2), nullable=True),
        sa.Column("constituent_group", sa.String(length=32), nullable=True),
        sa.Column("first_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_at", academy.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("span_class", sa.Integer(), nullable=False),
        sa.Column("months", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "user_id", "quiz_id", "language", name=op.f("pk_report_quiz_takers")
        ),
    )
    bind = op.get_bind()
    _fill(bind, "takers")
    for name, columns in TAKER_INDEXES.items():
        op.create_index(name, "report_quiz_takers", columns, unique=False)
    _install(bind, "takers")
    op.create_table(
        "report_question_months",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id",
            "question_id",
            "language",
            "month",
            "sex",
            name=op.f("pk_report_question_months"),
        ),
    )
    op.create_table(
        "report_quiz_months",
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("sex", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), nullable=False),
        sa.Column("score_sum", sa.Float(), nullable=False),
        sa.Column("passes", sa.Integer(), nullable=False),
        sa.Column("single_learners", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "quiz_id", "language", "month", "sex", name=op.f("pk_report_quiz_months")
        ),
    )
    _fill(bind, "cells")
    _install(bind, "cells")
    # Existing enrolments, from their rows (the same formula the triggers keep).
    _fill(bind, "enrolments")
    # Built after the backfill: sorting once beats keeping them in order row by row.
    for name, columns in INDEXES.items():
        op.create_index(name, "report_enrolments", columns, unique=False)
    _install(bind, "enrolments")


def downgrade():
    _drop(op.get_bind(), "takers")
    for name in TAKER_INDEXES:
        op.drop_index(name, table_name="report_quiz_takers")
    op.drop_table("report_quiz_takers")
    _drop(op.get_bind(), "cells")
    op.drop_table("report_question_months")
    op.drop_table("report_quiz_months")
    op.drop_table("report_question_cells")
    op.drop_table("report_quiz_cells")
    _drop(op.get_bind(), "enrolments")
    for name in INDEXES:
        op.drop_index(name, table_name="report_enrolments")
    op.drop_table("report_enrolments")
