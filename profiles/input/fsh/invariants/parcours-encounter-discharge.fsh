Invariant: parcours-encounter-discharge
Description: "Un séjour hospitalier terminé indique son mode de sortie. — A finished hospital stay states its discharge disposition."
Severity: #error
Expression: "(status = 'finished' and type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and code = 'sejour-hospitalier').exists()) implies hospitalization.dischargeDisposition.exists()"
