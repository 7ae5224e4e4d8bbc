// Target occupations for a wage floor: the best-paid occupations at or above $minMedianWage.
MATCH (o:Occupation)
WHERE o.medianWage >= $minMedianWage
RETURN o.onetSocCode AS code
ORDER BY o.medianWage DESC, code
LIMIT $maxTargets
