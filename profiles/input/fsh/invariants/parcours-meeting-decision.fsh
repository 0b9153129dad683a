Invariant: parcours-meeting-decision
Description: "Une décision de réunion de synthèse (code decision-synthese) dit pourquoi (reasonReference = la revue), qui (owner) et pour quand (restriction.period.end). — A meeting decision (code decision-synthese) says why (reasonReference = the review), who (owner) and by when (restriction.period.end)."
Severity: #error
Expression: "code.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-task-code' and code = 'decision-synthese').exists() and reasonReference.reference.exists() and owner.exists() and restriction.period.end.exists()"
