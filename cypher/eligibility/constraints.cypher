// One statement per line. Applied by the eligibility seed step; each is idempotent.
CREATE CONSTRAINT aid_program_id IF NOT EXISTS FOR (a:AidProgram) REQUIRE a.id IS UNIQUE
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (s:Service) REQUIRE s.id IS UNIQUE
CREATE CONSTRAINT rule_id IF NOT EXISTS FOR (r:Rule) REQUIRE r.id IS UNIQUE
CREATE CONSTRAINT income_limit_id IF NOT EXISTS FOR (l:IncomeLimit) REQUIRE l.id IS UNIQUE
CREATE INDEX rule_subject_kind IF NOT EXISTS FOR (r:Rule) ON (r.subjectKind)
CREATE INDEX income_limit_table IF NOT EXISTS FOR (l:IncomeLimit) ON (l.table)
