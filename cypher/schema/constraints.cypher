// One statement per line. Applied on every `serve` and `seed`; each is idempotent.
CREATE CONSTRAINT code_key IF NOT EXISTS FOR (c:Code) REQUIRE (c.system, c.code) IS UNIQUE
CREATE CONSTRAINT occupation_onet IF NOT EXISTS FOR (o:Occupation) REQUIRE o.onetSocCode IS UNIQUE
CREATE CONSTRAINT skill_element IF NOT EXISTS FOR (s:Skill) REQUIRE s.elementId IS UNIQUE
CREATE CONSTRAINT provider_id IF NOT EXISTS FOR (p:Provider) REQUIRE p.id IS UNIQUE
CREATE CONSTRAINT program_id IF NOT EXISTS FOR (p:Program) REQUIRE p.id IS UNIQUE
CREATE CONSTRAINT course_id IF NOT EXISTS FOR (c:Course) REQUIRE c.id IS UNIQUE
CREATE INDEX occupation_soc IF NOT EXISTS FOR (o:Occupation) ON (o.socCode)
CREATE INDEX code_code IF NOT EXISTS FOR (c:Code) ON (c.code)
CREATE INDEX program_state IF NOT EXISTS FOR (p:Program) ON (p.state)
CREATE INDEX provider_state IF NOT EXISTS FOR (p:Provider) ON (p.state)
CREATE FULLTEXT INDEX registry_search IF NOT EXISTS FOR (n:Occupation|Program|Provider|Skill) ON EACH [n.title, n.name, n.alternateTitlesText]
CREATE CONSTRAINT opportunity_id IF NOT EXISTS FOR (o:Opportunity) REQUIRE o.id IS UNIQUE
CREATE CONSTRAINT service_id IF NOT EXISTS FOR (s:Service) REQUIRE s.id IS UNIQUE
CREATE CONSTRAINT regional_wage_id IF NOT EXISTS FOR (w:RegionalWage) REQUIRE w.id IS UNIQUE
CREATE CONSTRAINT audit_event_id IF NOT EXISTS FOR (e:AuditEvent) REQUIRE e.id IS UNIQUE
CREATE INDEX audit_event_record IF NOT EXISTS FOR (e:AuditEvent) ON (e.recordId)
