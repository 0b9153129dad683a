// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-orientations
InstanceOf: Measure
Usage: #definition
Title: "Orientations vers les partenaires, par type de partenaire et par issue"
Description: "Les sollicitations de partenaires extérieurs (ServiceRequest d'orientation) pour les personnes de la structure, par type de partenaire et par issue du suivi (Task orientation). — Orientations to outside partners, by partner type and by follow-through outcome."
* url = "https://fhir.parcours.fr/Measure/parcours-orientations"
* name = "ParcoursMeasureOrientations"
* title = "Orientations vers les partenaires, par type de partenaire et par issue"
* insert ParcoursMeasure
* description = "Les sollicitations de partenaires extérieurs (ServiceRequest d'orientation) pour les personnes de la structure, par type de partenaire et par issue du suivi (Task orientation). — Orientations to outside partners, by partner type and by follow-through outcome."
* purpose = "Partner orientations by partner type and outcome"

* group[+].id = "orientations"
* group[=].code.text = "Orientations vers un partenaire"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "ServiceRequest?authored=ge{{%searchFrom}}&authored=le{{%searchUntil}}"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-related"
* group[=].extension[=].extension[+].url = "source"
* group[=].extension[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].extension[=].valueExpression.expression = "Task?code=https://fhir.parcours.fr/CodeSystem/parcours-task-code|orientation"
* group[=].extension[=].extension[+].url = "key"
* group[=].extension[=].extension[=].valueString = "focus.reference"
* group[=].extension[=].extension[+].url = "on"
* group[=].extension[=].extension[=].valueString = "'ServiceRequest/' + id"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Demandes d'orientation émises dans la période, sauf saisies par erreur. / Orientation requests authored in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and authoredOn >= %periodStart and authoredOn < %dayAfterPeriod"
* group[=].stratifier[+].code.text = "Type de partenaire / partner type"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "performerType.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-partner-type').code"
* group[=].stratifier[+].code.text = "Issue / outcome"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "%related.entry.resource.businessStatus.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-orientation-outcome').code"
