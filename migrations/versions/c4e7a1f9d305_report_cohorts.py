"""report cohorts: the cohort key on quiz takers, answers per question by group and cohort

Revision ID: c4e7a1f9d305
Revises: b7e2c4a9d1f6
Create Date: 2026-12-08 01:00:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c4e7a1f9d305"
down_revision = "b7e2c4a9d1f6"
branch_labels = None
depends_on = None

# The trigger SQL this revision installs (groups, takers) and the takers' triggers it
# replaces (old_takers, as 5e1a7c3d9b20 installed them), frozen as
# academy/admin/report_group_triggers.py and report_taker_triggers.py wrote them.
FROZEN = {'sqlite': {'groups_fill': ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                            'question_id, value, language, cohort, answers, correct) SELECT '
                            "k.kind, date(o.submitted_on, 'start of month'), o.quiz_id, "
                            "o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN "
                            "'country' THEN u.country ELSE u.constituent_group END, ''), "
                            'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, '
                            '0) END, count(*), sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM '
                            'question_outcomes AS o JOIN attempts AS a ON a.id = o.attempt_id JOIN '
                            'quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN enrolments AS e ON '
                            'e.user_id = a.user_id AND e.course_id = qz.course_id LEFT JOIN users '
                            "AS u ON u.id = a.user_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL "
                            "SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE 1 = "
                            '1 GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON '
                            'CONFLICT (kind, month, quiz_id, question_id, value, language, cohort) '
                            'DO UPDATE SET answers = report_question_groups.answers + '
                            'excluded.answers, correct = report_question_groups.correct + '
                            'excluded.correct'],
            'groups': [('report_groups_users',
                        'AFTER',
                        'users',
                        'UPDATE OF sex, country, constituent_group',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN OLD.sex WHEN 'country' THEN "
                         "OLD.country ELSE OLD.constituent_group END, ''), o.language, CASE WHEN "
                         'e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), '
                         '-sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o '
                         'JOIN attempts AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = '
                         'o.quiz_id LEFT JOIN enrolments AS e ON e.user_id = a.user_id AND '
                         "e.course_id = qz.course_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL "
                         "SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE "
                         'a.user_id = NEW.id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, '
                         '6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct',
                         'INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN NEW.sex WHEN 'country' THEN "
                         "NEW.country ELSE NEW.constituent_group END, ''), o.language, CASE WHEN "
                         'e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), '
                         'sum(CASE WHEN o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o '
                         'JOIN attempts AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = '
                         'o.quiz_id LEFT JOIN enrolments AS e ON e.user_id = a.user_id AND '
                         "e.course_id = qz.course_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL "
                         "SELECT 'country' UNION ALL SELECT 'constituent_group') AS k WHERE "
                         'a.user_id = NEW.id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, '
                         '6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_attempts_delete_before',
                        'BEFORE',
                        'attempts',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND o.quiz_id = "
                         'OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON '
                         'CONFLICT (kind, month, quiz_id, question_id, value, language, cohort) DO '
                         'UPDATE SET answers = report_question_groups.answers + excluded.answers, '
                         'correct = report_question_groups.correct + excluded.correct']),
                       ('report_groups_attempts_delete_after',
                        'AFTER',
                        'attempts',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND o.quiz_id = "
                         'OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON '
                         'CONFLICT (kind, month, quiz_id, question_id, value, language, cohort) DO '
                         'UPDATE SET answers = report_question_groups.answers + excluded.answers, '
                         'correct = report_question_groups.correct + excluded.correct']),
                       ('report_groups_outcomes_insert_before',
                        'BEFORE',
                        'question_outcomes',
                        'INSERT',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                         'attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = NEW.quiz_id '
                         'GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT '
                         '(kind, month, quiz_id, question_id, value, language, cohort) DO UPDATE '
                         'SET answers = report_question_groups.answers + excluded.answers, correct '
                         '= report_question_groups.correct + excluded.correct']),
                       ('report_groups_outcomes_insert_after',
                        'AFTER',
                        'question_outcomes',
                        'INSERT',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                         'attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = NEW.quiz_id '
                         'GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT '
                         '(kind, month, quiz_id, question_id, value, language, cohort) DO UPDATE '
                         'SET answers = report_question_groups.answers + excluded.answers, correct '
                         '= report_question_groups.correct + excluded.correct']),
                       ('report_groups_outcomes_delete_before',
                        'BEFORE',
                        'question_outcomes',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                         'attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = OLD.quiz_id '
                         'GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT '
                         '(kind, month, quiz_id, question_id, value, language, cohort) DO UPDATE '
                         'SET answers = report_question_groups.answers + excluded.answers, correct '
                         '= report_question_groups.correct + excluded.correct']),
                       ('report_groups_outcomes_delete_after',
                        'AFTER',
                        'question_outcomes',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                         'attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = OLD.quiz_id '
                         'GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON CONFLICT '
                         '(kind, month, quiz_id, question_id, value, language, cohort) DO UPDATE '
                         'SET answers = report_question_groups.answers + excluded.answers, correct '
                         '= report_question_groups.correct + excluded.correct']),
                       ('report_groups_enrolments_insert_before',
                        'BEFORE',
                        'enrolments',
                        'INSERT',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = NEW.user_id AND qz.course_id "
                         '= NEW.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                         '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_enrolments_insert_after',
                        'AFTER',
                        'enrolments',
                        'INSERT',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = NEW.user_id AND qz.course_id "
                         '= NEW.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                         '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_enrolments_update_before',
                        'BEFORE',
                        'enrolments',
                        'UPDATE OF user_id, course_id, cohort_id',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE (a.user_id = OLD.user_id AND "
                         'qz.course_id = OLD.course_id) OR (a.user_id = NEW.user_id AND '
                         'qz.course_id = NEW.course_id) GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, '
                         '2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, '
                         'language, cohort) DO UPDATE SET answers = report_question_groups.answers '
                         '+ excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_enrolments_update_after',
                        'AFTER',
                        'enrolments',
                        'UPDATE OF user_id, course_id, cohort_id',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE (a.user_id = OLD.user_id AND "
                         'qz.course_id = OLD.course_id) OR (a.user_id = NEW.user_id AND '
                         'qz.course_id = NEW.course_id) GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, '
                         '2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, '
                         'language, cohort) DO UPDATE SET answers = report_question_groups.answers '
                         '+ excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_enrolments_delete_before',
                        'BEFORE',
                        'enrolments',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND qz.course_id "
                         '= OLD.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                         '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_enrolments_delete_after',
                        'AFTER',
                        'enrolments',
                        'DELETE',
                        ['INSERT INTO report_question_groups (kind, month, quiz_id, question_id, '
                         'value, language, cohort, answers, correct) SELECT k.kind, '
                         "date(o.submitted_on, 'start of month'), o.quiz_id, o.question_id, "
                         "coalesce(CASE k.kind WHEN 'sex' THEN u.sex WHEN 'country' THEN u.country "
                         "ELSE u.constituent_group END, ''), o.language, CASE WHEN e.id IS NULL "
                         'THEN -1 ELSE coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN '
                         'o.correct THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts '
                         'AS a ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                         'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                         'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN (SELECT '
                         "'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                         "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND qz.course_id "
                         '= OLD.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                         '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                         'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                         'excluded.answers, correct = report_question_groups.correct + '
                         'excluded.correct']),
                       ('report_groups_quizzes_delete',
                        'AFTER',
                        'quizzes',
                        'DELETE',
                        ['DELETE FROM report_question_groups WHERE quiz_id = OLD.id'])],
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
                         'attempts, scored, score_sum, passes, cohort) SELECT a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN '
                         '-1 ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                         'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT JOIN '
                         'enrolments AS e ON e.user_id = a.user_id AND e.course_id = q.course_id '
                         "WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id "
                         '= NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP BY a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, CASE '
                         'WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END']),
                       ('report_takers_attempts_update',
                        'AFTER',
                        'attempts',
                        'UPDATE OF state, submitted_at, score_percent, passed, language',
                        ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND quiz_id = '
                         'OLD.quiz_id',
                         'INSERT INTO report_quiz_takers (user_id, quiz_id, language, course_id, '
                         'sex, country, constituent_group, first_at, last_at, span_class, months, '
                         'attempts, scored, score_sum, passes, cohort) SELECT a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN '
                         '-1 ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                         'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT JOIN '
                         'enrolments AS e ON e.user_id = a.user_id AND e.course_id = q.course_id '
                         "WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id "
                         '= OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, CASE '
                         'WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END']),
                       ('report_takers_attempts_delete',
                        'AFTER',
                        'attempts',
                        'DELETE',
                        ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND quiz_id = '
                         'OLD.quiz_id',
                         'INSERT INTO report_quiz_takers (user_id, quiz_id, language, course_id, '
                         'sex, country, constituent_group, first_at, last_at, span_class, months, '
                         'attempts, scored, score_sum, passes, cohort) SELECT a.user_id, '
                         'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                         'u.constituent_group, min(a.submitted_at), max(a.submitted_at), CASE WHEN '
                         'julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < 1 THEN '
                         '0 WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) < '
                         "31 THEN 1 ELSE 2 END, (SELECT CASE WHEN min(date(b.submitted_at, 'start "
                         "of month')) = max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 "
                         'END FROM attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = '
                         "a.quiz_id AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), "
                         'count(*), count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                         'sum(CASE WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN '
                         '-1 ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                         'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT JOIN '
                         'enrolments AS e ON e.user_id = a.user_id AND e.course_id = q.course_id '
                         "WHERE a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id "
                         '= OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, a.quiz_id, '
                         'a.language, q.course_id, u.sex, u.country, u.constituent_group, CASE '
                         'WHEN e.id IS NULL THEN -1 ELSE coalesce(e.cohort_id, 0) END']),
                       ('report_takers_enrolments_insert',
                        'AFTER',
                        'enrolments',
                        'INSERT',
                        ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                         'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                         'report_quiz_takers.user_id AND e.course_id = '
                         'report_quiz_takers.course_id), -1) WHERE user_id = NEW.user_id AND '
                         'course_id = NEW.course_id']),
                       ('report_takers_enrolments_update',
                        'AFTER',
                        'enrolments',
                        'UPDATE OF user_id, course_id, cohort_id',
                        ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                         'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                         'report_quiz_takers.user_id AND e.course_id = '
                         'report_quiz_takers.course_id), -1) WHERE user_id = OLD.user_id AND '
                         'course_id = OLD.course_id',
                         'UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                         'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                         'report_quiz_takers.user_id AND e.course_id = '
                         'report_quiz_takers.course_id), -1) WHERE user_id = NEW.user_id AND '
                         'course_id = NEW.course_id']),
                       ('report_takers_enrolments_delete',
                        'AFTER',
                        'enrolments',
                        'DELETE',
                        ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                         'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                         'report_quiz_takers.user_id AND e.course_id = '
                         'report_quiz_takers.course_id), -1) WHERE user_id = OLD.user_id AND '
                         'course_id = OLD.course_id'])],
            'old_takers': [('report_takers_users',
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
                             'WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) '
                             '< 1 THEN 0 WHEN julianday(max(a.submitted_at)) - '
                             'julianday(min(a.submitted_at)) < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(date(b.submitted_at, 'start of month')) = "
                             "max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 END FROM "
                             'attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id '
                             "AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), count(*), "
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
                             'WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) '
                             '< 1 THEN 0 WHEN julianday(max(a.submitted_at)) - '
                             'julianday(min(a.submitted_at)) < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(date(b.submitted_at, 'start of month')) = "
                             "max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 END FROM "
                             'attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id '
                             "AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), count(*), "
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
                             'WHEN julianday(max(a.submitted_at)) - julianday(min(a.submitted_at)) '
                             '< 1 THEN 0 WHEN julianday(max(a.submitted_at)) - '
                             'julianday(min(a.submitted_at)) < 31 THEN 1 ELSE 2 END, (SELECT CASE '
                             "WHEN min(date(b.submitted_at, 'start of month')) = "
                             "max(date(b.submitted_at, 'start of month')) THEN 1 ELSE 2 END FROM "
                             'attempts AS b WHERE b.user_id = a.user_id AND b.quiz_id = a.quiz_id '
                             "AND b.state = 'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id WHERE '
                             "a.state = 'submitted' AND a.submitted_at IS NOT NULL AND a.user_id = "
                             'OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP BY a.user_id, '
                             'a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group'])]},
 'postgresql': {'groups_fill': ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                                'question_id, value, language, cohort, answers, correct) SELECT '
                                "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                                "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN "
                                "u.sex WHEN 'country' THEN u.country ELSE u.constituent_group END, "
                                "''), o.language, CASE WHEN e.id IS NULL THEN -1 ELSE "
                                'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct '
                                'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a '
                                'ON a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id '
                                'LEFT JOIN enrolments AS e ON e.user_id = a.user_id AND '
                                'e.course_id = qz.course_id LEFT JOIN users AS u ON u.id = '
                                "a.user_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                                "'country' UNION ALL SELECT 'constituent_group') AS k WHERE 1 = 1 "
                                'GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 ON '
                                'CONFLICT (kind, month, quiz_id, question_id, value, language, '
                                'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                                'excluded.answers, correct = report_question_groups.correct + '
                                'excluded.correct'],
                'groups': [('report_groups_users',
                            'AFTER',
                            'users',
                            'UPDATE OF sex, country, constituent_group',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN "
                             "OLD.sex WHEN 'country' THEN OLD.country ELSE OLD.constituent_group "
                             "END, ''), o.language, CASE WHEN e.id IS NULL THEN -1 ELSE "
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             "qz.course_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                             "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id "
                             '= NEW.id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 '
                             'ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct',
                             'INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN "
                             "NEW.sex WHEN 'country' THEN NEW.country ELSE NEW.constituent_group "
                             "END, ''), o.language, CASE WHEN e.id IS NULL THEN -1 ELSE "
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             "qz.course_id CROSS JOIN (SELECT 'sex' AS kind UNION ALL SELECT "
                             "'country' UNION ALL SELECT 'constituent_group') AS k WHERE a.user_id "
                             '= NEW.id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7 '
                             'ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct']),
                           ('report_groups_attempts_delete_before',
                            'BEFORE',
                            'attempts',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND "
                             'o.quiz_id = OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, '
                             '3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, '
                             'language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_attempts_delete_after',
                            'AFTER',
                            'attempts',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND "
                             'o.quiz_id = OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, '
                             '3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, value, '
                             'language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_outcomes_insert_before',
                            'BEFORE',
                            'question_outcomes',
                            'INSERT',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                             'attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = '
                             'NEW.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                             '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct']),
                           ('report_groups_outcomes_insert_after',
                            'AFTER',
                            'question_outcomes',
                            'INSERT',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                             'attempts AS t WHERE t.id = NEW.attempt_id) AND o.quiz_id = '
                             'NEW.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                             '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct']),
                           ('report_groups_outcomes_delete_before',
                            'BEFORE',
                            'question_outcomes',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                             'attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = '
                             'OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                             '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct']),
                           ('report_groups_outcomes_delete_after',
                            'AFTER',
                            'question_outcomes',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = (SELECT t.user_id FROM "
                             'attempts AS t WHERE t.id = OLD.attempt_id) AND o.quiz_id = '
                             'OLD.quiz_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, '
                             '7 ON CONFLICT (kind, month, quiz_id, question_id, value, language, '
                             'cohort) DO UPDATE SET answers = report_question_groups.answers + '
                             'excluded.answers, correct = report_question_groups.correct + '
                             'excluded.correct']),
                           ('report_groups_enrolments_insert_before',
                            'BEFORE',
                            'enrolments',
                            'INSERT',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = NEW.user_id AND "
                             'qz.course_id = NEW.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_enrolments_insert_after',
                            'AFTER',
                            'enrolments',
                            'INSERT',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = NEW.user_id AND "
                             'qz.course_id = NEW.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_enrolments_update_before',
                            'BEFORE',
                            'enrolments',
                            'UPDATE OF user_id, course_id, cohort_id',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE (a.user_id = OLD.user_id AND "
                             'qz.course_id = OLD.course_id) OR (a.user_id = NEW.user_id AND '
                             'qz.course_id = NEW.course_id) GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_enrolments_update_after',
                            'AFTER',
                            'enrolments',
                            'UPDATE OF user_id, course_id, cohort_id',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE (a.user_id = OLD.user_id AND "
                             'qz.course_id = OLD.course_id) OR (a.user_id = NEW.user_id AND '
                             'qz.course_id = NEW.course_id) GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_enrolments_delete_before',
                            'BEFORE',
                            'enrolments',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, -count(*), -sum(CASE WHEN o.correct '
                             'THEN 1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON '
                             'a.id = o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND "
                             'qz.course_id = OLD.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_enrolments_delete_after',
                            'AFTER',
                            'enrolments',
                            'DELETE',
                            ['INSERT INTO report_question_groups (kind, month, quiz_id, '
                             'question_id, value, language, cohort, answers, correct) SELECT '
                             "k.kind, CAST(date_trunc('month', o.submitted_on) AS DATE), "
                             "o.quiz_id, o.question_id, coalesce(CASE k.kind WHEN 'sex' THEN u.sex "
                             "WHEN 'country' THEN u.country ELSE u.constituent_group END, ''), "
                             'o.language, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END, count(*), sum(CASE WHEN o.correct THEN '
                             '1 ELSE 0 END) FROM question_outcomes AS o JOIN attempts AS a ON a.id '
                             '= o.attempt_id JOIN quizzes AS qz ON qz.id = o.quiz_id LEFT JOIN '
                             'enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             'qz.course_id LEFT JOIN users AS u ON u.id = a.user_id CROSS JOIN '
                             "(SELECT 'sex' AS kind UNION ALL SELECT 'country' UNION ALL SELECT "
                             "'constituent_group') AS k WHERE a.user_id = OLD.user_id AND "
                             'qz.course_id = OLD.course_id GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY '
                             '1, 2, 3, 4, 5, 6, 7 ON CONFLICT (kind, month, quiz_id, question_id, '
                             'value, language, cohort) DO UPDATE SET answers = '
                             'report_question_groups.answers + excluded.answers, correct = '
                             'report_question_groups.correct + excluded.correct']),
                           ('report_groups_quizzes_delete',
                            'AFTER',
                            'quizzes',
                            'DELETE',
                            ['DELETE FROM report_question_groups WHERE quiz_id = OLD.id'])],
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
                             'span_class, months, attempts, scored, score_sum, passes, cohort) '
                             'SELECT a.user_id, a.quiz_id, a.language, q.course_id, u.sex, '
                             'u.country, u.constituent_group, min(a.submitted_at), '
                             'max(a.submitted_at), CASE WHEN EXTRACT(EPOCH FROM '
                             '(max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 1 THEN 0 '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                             "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') AS "
                             "DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN -1 '
                             'ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             "q.course_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT "
                             'NULL AND a.user_id = NEW.user_id AND a.quiz_id = NEW.quiz_id GROUP '
                             'BY a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END']),
                           ('report_takers_attempts_update',
                            'AFTER',
                            'attempts',
                            'UPDATE OF state, submitted_at, score_percent, passed, language',
                            ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND '
                             'quiz_id = OLD.quiz_id',
                             'INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                             'course_id, sex, country, constituent_group, first_at, last_at, '
                             'span_class, months, attempts, scored, score_sum, passes, cohort) '
                             'SELECT a.user_id, a.quiz_id, a.language, q.course_id, u.sex, '
                             'u.country, u.constituent_group, min(a.submitted_at), '
                             'max(a.submitted_at), CASE WHEN EXTRACT(EPOCH FROM '
                             '(max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 1 THEN 0 '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                             "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') AS "
                             "DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN -1 '
                             'ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             "q.course_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT "
                             'NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                             'BY a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END']),
                           ('report_takers_attempts_delete',
                            'AFTER',
                            'attempts',
                            'DELETE',
                            ['DELETE FROM report_quiz_takers WHERE user_id = OLD.user_id AND '
                             'quiz_id = OLD.quiz_id',
                             'INSERT INTO report_quiz_takers (user_id, quiz_id, language, '
                             'course_id, sex, country, constituent_group, first_at, last_at, '
                             'span_class, months, attempts, scored, score_sum, passes, cohort) '
                             'SELECT a.user_id, a.quiz_id, a.language, q.course_id, u.sex, '
                             'u.country, u.constituent_group, min(a.submitted_at), '
                             'max(a.submitted_at), CASE WHEN EXTRACT(EPOCH FROM '
                             '(max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 1 THEN 0 '
                             'WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - min(a.submitted_at))) '
                             '/ 86400.0 < 31 THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                             "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') AS "
                             "DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME ZONE "
                             "'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                             'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                             "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                             'count(a.score_percent), coalesce(sum(a.score_percent), 0), sum(CASE '
                             'WHEN a.passed THEN 1 ELSE 0 END), CASE WHEN e.id IS NULL THEN -1 '
                             'ELSE coalesce(e.cohort_id, 0) END FROM attempts AS a JOIN quizzes AS '
                             'q ON q.id = a.quiz_id LEFT JOIN users AS u ON u.id = a.user_id LEFT '
                             'JOIN enrolments AS e ON e.user_id = a.user_id AND e.course_id = '
                             "q.course_id WHERE a.state = 'submitted' AND a.submitted_at IS NOT "
                             'NULL AND a.user_id = OLD.user_id AND a.quiz_id = OLD.quiz_id GROUP '
                             'BY a.user_id, a.quiz_id, a.language, q.course_id, u.sex, u.country, '
                             'u.constituent_group, CASE WHEN e.id IS NULL THEN -1 ELSE '
                             'coalesce(e.cohort_id, 0) END']),
                           ('report_takers_enrolments_insert',
                            'AFTER',
                            'enrolments',
                            'INSERT',
                            ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                             'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                             'report_quiz_takers.user_id AND e.course_id = '
                             'report_quiz_takers.course_id), -1) WHERE user_id = NEW.user_id AND '
                             'course_id = NEW.course_id']),
                           ('report_takers_enrolments_update',
                            'AFTER',
                            'enrolments',
                            'UPDATE OF user_id, course_id, cohort_id',
                            ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                             'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                             'report_quiz_takers.user_id AND e.course_id = '
                             'report_quiz_takers.course_id), -1) WHERE user_id = OLD.user_id AND '
                             'course_id = OLD.course_id',
                             'UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                             'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                             'report_quiz_takers.user_id AND e.course_id = '
                             'report_quiz_takers.course_id), -1) WHERE user_id = NEW.user_id AND '
                             'course_id = NEW.course_id']),
                           ('report_takers_enrolments_delete',
                            'AFTER',
                            'enrolments',
                            'DELETE',
                            ['UPDATE report_quiz_takers SET cohort = coalesce((SELECT '
                             'coalesce(e.cohort_id, 0) FROM enrolments AS e WHERE e.user_id = '
                             'report_quiz_takers.user_id AND e.course_id = '
                             'report_quiz_takers.course_id), -1) WHERE user_id = OLD.user_id AND '
                             'course_id = OLD.course_id'])],
                'old_takers': [('report_takers_users',
                                'AFTER',
                                'users',
                                'UPDATE OF sex, country, constituent_group',
                                ['UPDATE report_quiz_takers SET sex = NEW.sex, country = '
                                 'NEW.country, constituent_group = NEW.constituent_group WHERE '
                                 'user_id = NEW.id']),
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
                                 'u.constituent_group, min(a.submitted_at), max(a.submitted_at), '
                                 'CASE WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                                 'min(a.submitted_at))) / 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH '
                                 'FROM (max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 31 '
                                 'THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                                 "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                                 "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME "
                                 "ZONE 'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                                 'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                                 "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                                 'count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                                 'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a '
                                 'JOIN quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON '
                                 "u.id = a.user_id WHERE a.state = 'submitted' AND a.submitted_at "
                                 'IS NOT NULL AND a.user_id = NEW.user_id AND a.quiz_id = '
                                 'NEW.quiz_id GROUP BY a.user_id, a.quiz_id, a.language, '
                                 'q.course_id, u.sex, u.country, u.constituent_group']),
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
                                 'u.constituent_group, min(a.submitted_at), max(a.submitted_at), '
                                 'CASE WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                                 'min(a.submitted_at))) / 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH '
                                 'FROM (max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 31 '
                                 'THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                                 "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                                 "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME "
                                 "ZONE 'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                                 'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                                 "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                                 'count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                                 'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a '
                                 'JOIN quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON '
                                 "u.id = a.user_id WHERE a.state = 'submitted' AND a.submitted_at "
                                 'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = '
                                 'OLD.quiz_id GROUP BY a.user_id, a.quiz_id, a.language, '
                                 'q.course_id, u.sex, u.country, u.constituent_group']),
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
                                 'u.constituent_group, min(a.submitted_at), max(a.submitted_at), '
                                 'CASE WHEN EXTRACT(EPOCH FROM (max(a.submitted_at) - '
                                 'min(a.submitted_at))) / 86400.0 < 1 THEN 0 WHEN EXTRACT(EPOCH '
                                 'FROM (max(a.submitted_at) - min(a.submitted_at))) / 86400.0 < 31 '
                                 'THEN 1 ELSE 2 END, (SELECT CASE WHEN '
                                 "min(CAST(date_trunc('month', b.submitted_at AT TIME ZONE 'UTC') "
                                 "AS DATE)) = max(CAST(date_trunc('month', b.submitted_at AT TIME "
                                 "ZONE 'UTC') AS DATE)) THEN 1 ELSE 2 END FROM attempts AS b WHERE "
                                 'b.user_id = a.user_id AND b.quiz_id = a.quiz_id AND b.state = '
                                 "'submitted' AND b.submitted_at IS NOT NULL), count(*), "
                                 'count(a.score_percent), coalesce(sum(a.score_percent), 0), '
                                 'sum(CASE WHEN a.passed THEN 1 ELSE 0 END) FROM attempts AS a '
                                 'JOIN quizzes AS q ON q.id = a.quiz_id LEFT JOIN users AS u ON '
                                 "u.id = a.user_id WHERE a.state = 'submitted' AND a.submitted_at "
                                 'IS NOT NULL AND a.user_id = OLD.user_id AND a.quiz_id = '
                                 'OLD.quiz_id GROUP BY a.user_id, a.quiz_id, a.language, '
                                 'q.course_id, u.sex, u.country, u.constituent_group'])]}}
# end of FROZEN

GROUP_INDEXES = {
    "ix_report_question_groups_cohort": ["cohort", "kind", "month"],
    "ix_report_question_groups_quiz": [
        "quiz_id", "kind", "month", "cohort", "question_id", "value", "language", "answers",
        "correct",
    ],
}

_FIGURES = [
    "quiz_id", "language", "user_id", "course_id", "sex", "country", "constituent_group",
    "attempts", "scored", "score_sum", "passes",
]
TAKER_INDEXES = {
    "ix_report_quiz_takers_cohort": ["cohort", "first_at", "last_at", *_FIGURES],
    "ix_report_quiz_takers_scope": [
        "course_id", "cohort", "first_at", "last_at", *(c for c in _FIGURES if c != "course_id"),
    ],
}

# Each taker's cohort key from the person's enrolment in the quiz's course, in one statement.
TAKERS_COHORT = (
    "UPDATE report_quiz_takers SET cohort = coalesce((SELECT coalesce(e.cohort_id, 0) "
    "FROM enrolments AS e WHERE e.user_id = report_quiz_takers.user_id "
    "AND e.course_id = report_quiz_takers.course_id), -1)"
)


def _create(trigger, dialect):
    """A row trigger on either database (as academy.admin.row_triggers writes it)."""
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
            bind.execute(sa.text(f"DROP FUNCTION IF EXISTS {name}()"))
        else:
            bind.execute(sa.text(f"DROP TRIGGER IF EXISTS {name}"))


def _install(bind, part):
    _drop(bind, part)
    for trigger in FROZEN[bind.dialect.name][part]:
        for statement in _create(trigger, bind.dialect.name):
            bind.execute(sa.text(statement))


def upgrade():
    bind = op.get_bind()
    _drop(bind, "old_takers")
    op.add_column(
        "report_quiz_takers",
        sa.Column("cohort", sa.Integer(), nullable=False, server_default="-1"),
    )
    bind.execute(sa.text(TAKERS_COHORT))
    for name, columns in TAKER_INDEXES.items():
        op.create_index(name, "report_quiz_takers", columns, unique=False)
    _install(bind, "takers")
    op.create_table(
        "report_question_groups",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("quiz_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("question_id", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=32), nullable=False),
        sa.Column("language", sa.String(length=20), nullable=False),
        sa.Column("cohort", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("correct", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "kind",
            "month",
            "quiz_id",
            "question_id",
            "value",
            "language",
            "cohort",
            name=op.f("pk_report_question_groups"),
        ),
        sqlite_with_rowid=False,
    )
    # Existing answers, in one INSERT ... SELECT (the formula the triggers keep).
    for statement in FROZEN[bind.dialect.name]["groups_fill"]:
        bind.execute(sa.text(statement))
    # Built after the backfill: sorting once beats keeping them in order row by row.
    for name, columns in GROUP_INDEXES.items():
        op.create_index(name, "report_question_groups", columns, unique=False)
    _install(bind, "groups")


def downgrade():
    bind = op.get_bind()
    _drop(bind, "groups")
    op.drop_table("report_question_groups")
    _drop(bind, "takers")
    for name in TAKER_INDEXES:
        op.drop_index(name, table_name="report_quiz_takers")
    with op.batch_alter_table("report_quiz_takers") as batch:
        batch.drop_column("cohort")
    _install(bind, "old_takers")
