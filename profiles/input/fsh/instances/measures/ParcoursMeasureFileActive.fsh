// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-file-active
InstanceOf: Measure
Usage: #definition
Title: "File active : personnes suivies, nouvelles, en cours, terminées"
Description: "Les personnes dont la structure gère l'équipe de soins, comptées par leur plan partagé (un par personne), par intensité de suivi. — The people whose care team the structure manages, counted by their shared care plan (one per person), by follow-up intensity."
* url = "https://fhir.parcours.fr/Measure/parcours-file-active"
* name = "ParcoursMeasureFileActive"
* title = "File active : personnes suivies, nouvelles, en cours, terminées"
* insert ParcoursMeasure
* description = "Les personnes dont la structure gère l'équipe de soins, comptées par leur plan partagé (un par personne), par intensité de suivi. — The people whose care team the structure manages, counted by their shared care plan (one per person), by follow-up intensity."
* purpose = "Active caseload: people followed, new, ongoing, ended"

* group[+].id = "suivies"
* group[=].code.text = "Personnes suivies dans la période"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "CarePlan?category=https://fhir.parcours.fr/CodeSystem/parcours-careplan-category|plan-partage&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Plans partagés ouverts avant la fin de la période et non clos avant son début. / Shared plans open at some time in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and status != 'draft' and period.start < %dayAfterPeriod and (period.end.empty() or period.end >= %periodStart)"
* group[=].stratifier[+].code.text = "Intensité du suivi / follow-up intensity"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity').valueCoding.code"

* group[+].id = "nouvelles"
* group[=].code.text = "Nouvelles personnes (entrées dans la période)"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "CarePlan?category=https://fhir.parcours.fr/CodeSystem/parcours-careplan-category|plan-partage&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Plans partagés commencés dans la période. / Shared plans started in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and status != 'draft' and period.start >= %periodStart and period.start < %dayAfterPeriod"
* group[=].stratifier[+].code.text = "Intensité du suivi / follow-up intensity"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity').valueCoding.code"

* group[+].id = "en-cours"
* group[=].code.text = "Personnes toujours suivies à la fin de la période"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "CarePlan?category=https://fhir.parcours.fr/CodeSystem/parcours-careplan-category|plan-partage&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Plans partagés commencés avant la fin de la période et non clos à sa fin. / Shared plans still open at the end of the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and status != 'draft' and period.start < %dayAfterPeriod and (period.end.empty() or period.end >= %dayAfterPeriod)"
* group[=].stratifier[+].code.text = "Intensité du suivi / follow-up intensity"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity').valueCoding.code"

* group[+].id = "terminees"
* group[=].code.text = "Accompagnements terminés dans la période"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "CarePlan?category=https://fhir.parcours.fr/CodeSystem/parcours-careplan-category|plan-partage&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Plans partagés clos (fin de période) dans la période. / Shared plans whose period ended in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and period.end >= %periodStart and period.end < %dayAfterPeriod"
* group[=].stratifier[+].code.text = "Intensité du suivi / follow-up intensity"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity').valueCoding.code"
* group[=].stratifier[+].code.text = "Motif de fin / end-of-care reason"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-end-of-care-reason').valueCoding.code"

* group[+].id = "non-abandon"
* group[=].code.text = "Non-abandon à n+1 : suivies au début de la période et toujours en soins à sa fin"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "CarePlan?category=https://fhir.parcours.fr/CodeSystem/parcours-careplan-category|plan-partage&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Personnes suivies le premier jour de la période (plan ouvert avant, non clos). / People followed on the period's first day."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and period.start < %periodStart and (period.end.empty() or period.end >= %periodStart)"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Parmi elles, toujours suivies le lendemain de la fin de la période, ou sorties pour un motif qui n'est pas un abandon (objectifs atteints, relais, déménagement, décès). / Among them, still in care after the period, or ended for a reason that is not dropping out."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and period.start < %periodStart and (period.end.empty() or period.end >= %periodStart) and (period.end.empty() or period.end >= %dayAfterPeriod or extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-end-of-care-reason').valueCoding.code.where($this = 'objectifs-atteints' or $this = 'relais-partenaire' or $this = 'demenagement' or $this = 'deces').exists())"
* group[=].stratifier[+].code.text = "Intensité du suivi / follow-up intensity"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-follow-up-intensity').valueCoding.code"
