// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-ateliers
InstanceOf: Measure
Usage: #definition
Title: "Ateliers collectifs et participants"
Description: "Les séances d'atelier collectif que la structure tient et leurs participants, suivis par Parcours ou extérieurs. — The structure's workshop sessions and their participants, followed in Parcours or from outside."
* url = "https://fhir.parcours.fr/Measure/parcours-ateliers"
* name = "ParcoursMeasureAteliers"
* title = "Ateliers collectifs et participants"
* insert ParcoursMeasure
* description = "Les séances d'atelier collectif que la structure tient et leurs participants, suivis par Parcours ou extérieurs. — The structure's workshop sessions and their participants, followed in Parcours or from outside."
* purpose = "Collective workshops and their participants"

* group[+].id = "seances"
* group[=].code.text = "Ateliers collectifs tenus"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|atelier-groupe&date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Séances (sans personne en sujet) terminées, commencées dans la période. / Finished sessions started in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and subject.empty() and period.start >= %periodStart and period.start < %dayAfterPeriod"

* group[+].id = "participants"
* group[=].code.text = "Participants suivis (personnes distinctes)"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|atelier-groupe&date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Personnes distinctes ayant participé à une séance de la période. / Distinct people who took part in a session."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and subject.exists() and period.start >= %periodStart and period.start < %dayAfterPeriod"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "subject.reference"

* group[+].id = "participants-exterieurs"
* group[=].code.text = "Participations extérieures à Parcours"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?type=https://fhir.parcours.fr/CodeSystem/parcours-encounter-type|atelier-groupe&date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Somme des participants extérieurs déclarés sur les séances de la période. / Sum of the outside participants recorded on the sessions."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'finished' and subject.empty() and period.start >= %periodStart and period.start < %dayAfterPeriod"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-sum"
* group[=].population[=].extension[=].valueString = "extension.where(url = 'https://fhir.parcours.fr/StructureDefinition/parcours-outside-participants').valueUnsignedInt"
