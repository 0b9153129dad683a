// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-sorties-hospitalieres
InstanceOf: Measure
Usage: #definition
Title: "Sorties d'hospitalisation revues par le médecin traitant sous 7 jours"
Description: "Les séjours hospitaliers des personnes de la structure terminés dans la période, et ceux dont le suivi post-sortie (Task suivi-post-sortie, confiée au médecin traitant) a été fait dans les 7 jours. — Hospital stays ending in the period, and those whose post-discharge follow-up task was done within 7 days."
* url = "https://fhir.parcours.fr/Measure/parcours-sorties-hospitalieres"
* name = "ParcoursMeasureSortiesHospitalieres"
* title = "Sorties d'hospitalisation revues par le médecin traitant sous 7 jours"
* insert ParcoursMeasure
* description = "Les séjours hospitaliers des personnes de la structure terminés dans la période, et ceux dont le suivi post-sortie (Task suivi-post-sortie, confiée au médecin traitant) a été fait dans les 7 jours. — Hospital stays ending in the period, and those whose post-discharge follow-up task was done within 7 days."
* purpose = "Hospital discharges with GP follow-up done within 7 days"

* group[+].id = "sorties"
* group[=].code.text = "Sorties revues sous 7 jours"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|sejour-hospitalier&date=ge{{%searchFrom}}"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-related"
* group[=].extension[=].extension[+].url = "source"
* group[=].extension[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].extension[=].valueExpression.expression = "Task?code=https://fhir.parcours.fr/CodeSystem/parcours-task-code|suivi-post-sortie"
* group[=].extension[=].extension[+].url = "key"
* group[=].extension[=].extension[=].valueString = "encounter.reference"
* group[=].extension[=].extension[+].url = "on"
* group[=].extension[=].extension[=].valueString = "'Encounter/' + id"
* group[=].extension[=].extension[+].url = "anchor"
* group[=].extension[=].extension[=].valueString = "period.end"
* group[=].extension[=].extension[+].url = "date"
* group[=].extension[=].extension[=].valueString = "executionPeriod.end"
* group[=].extension[=].extension[+].url = "withinDays"
* group[=].extension[=].extension[=].valueInteger = 7
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Séjours dont la sortie est dans la période. / Stays whose discharge is in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and period.end >= %periodStart and period.end < %dayAfterPeriod"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Parmi eux, suivi post-sortie fait (tâche terminée) au plus 7 jours après la sortie. / Among them, follow-up task completed within 7 days of discharge."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and period.end >= %periodStart and period.end < %dayAfterPeriod and %related.entry.resource.where(status = 'completed').exists()"
