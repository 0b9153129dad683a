Invariant: parcours-task-orientation
Description: "Une tâche d'orientation suit une demande (focus : la ServiceRequest) et dit où elle en est (businessStatus de parcours-orientation-outcome). — A referral task follows a ServiceRequest (focus) and says where it stands (businessStatus)."
Severity: #error
Expression: "code.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-task-code' and code = 'orientation').exists() implies (focus.exists() and businessStatus.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-orientation-outcome').exists())"
