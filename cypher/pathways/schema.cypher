// One statement per line, each idempotent. Applied by `seed` after the shared schema.
CREATE INDEX occupation_median_wage IF NOT EXISTS FOR (o:Occupation) ON (o.medianWage)
CREATE INDEX program_ctid IF NOT EXISTS FOR (p:Program) ON (p.ctid)
