// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-reunions-synthese
InstanceOf: Measure
Usage: #definition
Title: "Réunions de synthèse tenues et personnes revues"
Description: "Les réunions de synthèse que la structure tient (Encounter reunion-synthese dont elle est le prestataire) et les personnes qui y ont été revues. — The synthesis meetings the structure holds and the people reviewed in them."
* url = "https://fhir.parcours.fr/Measure/parcours-reunions-synthese"
* name = "ParcoursMeasureReunionsSynthese"
* title = "Réunions de synthèse tenues et personnes revues"
* insert ParcoursMeasure
* description = "Les réunions de synthèse que la structure tient (Encounter reunion-synthese dont elle est le prestataire) et les personnes qui y ont été revues. — The synthesis meetings the structure holds and the people reviewed in them."
* purpose = "Synthesis meetings held and people reviewed"

* group[+].id = "reunions"
* group[=].code.text = "Réunions de synthèse tenues"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|reunion-synthese&date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Réunions terminées, commencées dans la période. / Finished meetings started in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and subject.empty() and period.start >= %periodStart and period.start < %dayAfterPeriod"

* group[+].id = "personnes-revues"
* group[=].code.text = "Personnes revues en réunion de synthèse"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|reunion-synthese,https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|revue-synthese&date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Personnes distinctes revues dans la période : sujet d'une revue (revue-synthese) ou nommées dans une réunion. / Distinct people reviewed in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and status != 'cancelled' and period.start >= %periodStart and period.start < %dayAfterPeriod"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "subject.reference | extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-synthesis-review').extension.where(url = 'patient').valueReference.reference"
