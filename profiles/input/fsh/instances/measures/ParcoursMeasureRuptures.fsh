// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-ruptures
InstanceOf: Measure
Usage: #definition
Title: "Ruptures de soins et reprises de contact sous 30 jours"
Description: "Les ruptures de soins repérées (alertes de la veille, signalements de l'équipe) qui commencent dans la période, et celles suivies d'un contact tenu dans les 30 jours. — Care breaks starting in the period, and those followed by a contact held within 30 days."
* url = "https://fhir.parcours.fr/Measure/parcours-ruptures"
* name = "ParcoursMeasureRuptures"
* title = "Ruptures de soins et reprises de contact sous 30 jours"
* insert ParcoursMeasure
* description = "Les ruptures de soins repérées (alertes de la veille, signalements de l'équipe) qui commencent dans la période, et celles suivies d'un contact tenu dans les 30 jours. — Care breaks starting in the period, and those followed by a contact held within 30 days."
* purpose = "Care breaks and re-engagement within 30 days"

* group[+].id = "alertes"
* group[=].code.text = "Ruptures repérées par la veille"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Flag?date=ge{{%searchFrom}}"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-related"
* group[=].extension[=].extension[+].url = "source"
* group[=].extension[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].extension[=].valueExpression.expression = "Encounter?status=finished&date=ge{{%searchFrom}}"
* group[=].extension[=].extension[+].url = "key"
* group[=].extension[=].extension[=].valueString = "subject.reference"
* group[=].extension[=].extension[+].url = "on"
* group[=].extension[=].extension[=].valueString = "subject.reference"
* group[=].extension[=].extension[+].url = "anchor"
* group[=].extension[=].extension[=].valueString = "period.start"
* group[=].extension[=].extension[+].url = "date"
* group[=].extension[=].extension[=].valueString = "period.start"
* group[=].extension[=].extension[+].url = "withinDays"
* group[=].extension[=].extension[=].valueInteger = 30
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Alertes de rupture (Flag de la veille) commençant dans la période. / Care-break Flags starting in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "code.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-care-break-rule').exists() and status != 'entered-in-error' and period.start >= %periodStart and period.start < %dayAfterPeriod"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Parmi elles, suivies d'un contact tenu dans les 30 jours. / Among them, followed by a contact held within 30 days."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "code.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-care-break-rule').exists() and status != 'entered-in-error' and period.start >= %periodStart and period.start < %dayAfterPeriod and %related.entry.resource.where(type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'sejour-hospitalier' or code = 'reunion-synthese' or code = 'revue-synthese' or code = 'atelier-groupe')).empty()).exists()"
* group[=].stratifier[+].code.text = "Règle / rule"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "code.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-care-break-rule').code"

* group[+].id = "signalements"
* group[=].code.text = "Ruptures signalées par l'équipe"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Communication?category=https://fhir.parcours.fr/CodeSystem/parcours-communication-category|rupture-de-soins&sent=ge{{%searchFrom}}&sent=le{{%searchUntil}}"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-related"
* group[=].extension[=].extension[+].url = "source"
* group[=].extension[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].extension[=].valueExpression.expression = "Encounter?status=finished&date=ge{{%searchFrom}}"
* group[=].extension[=].extension[+].url = "key"
* group[=].extension[=].extension[=].valueString = "subject.reference"
* group[=].extension[=].extension[+].url = "on"
* group[=].extension[=].extension[=].valueString = "subject.reference"
* group[=].extension[=].extension[+].url = "anchor"
* group[=].extension[=].extension[=].valueString = "sent"
* group[=].extension[=].extension[+].url = "date"
* group[=].extension[=].extension[=].valueString = "period.start"
* group[=].extension[=].extension[+].url = "withinDays"
* group[=].extension[=].extension[=].valueInteger = 30
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Messages « rupture de soins » envoyés dans la période. / Care-break messages sent in the period."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and sent >= %periodStart and sent < %dayAfterPeriod"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Parmi eux, suivis d'un contact tenu dans les 30 jours. / Among them, followed by a contact held within 30 days."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and sent >= %periodStart and sent < %dayAfterPeriod and %related.entry.resource.where(type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'sejour-hospitalier' or code = 'reunion-synthese' or code = 'revue-synthese' or code = 'atelier-groupe')).empty()).exists()"
