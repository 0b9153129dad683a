// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-consommations
InstanceOf: Measure
Usage: #definition
Title: "Objectif de consommation atteint ou tendance à la baisse"
Description: "Les personnes de la structure qui ont un objectif de consommation d'alcool (abstinence ou réduction) commencé avant la fin de la période, et celles dont l'objectif est atteint ou la consommation en baisse (Goal.achievementStatus achieved ou improving, statut au moment du calcul). — People with an alcohol consumption goal, and those whose goal is achieved or improving."
* url = "https://fhir.parcours.fr/Measure/parcours-consommations"
* name = "ParcoursMeasureConsommations"
* title = "Objectif de consommation atteint ou tendance à la baisse"
* insert ParcoursMeasure
* description = "Les personnes de la structure qui ont un objectif de consommation d'alcool (abstinence ou réduction) commencé avant la fin de la période, et celles dont l'objectif est atteint ou la consommation en baisse (Goal.achievementStatus achieved ou improving, statut au moment du calcul). — People with an alcohol consumption goal, and those whose goal is achieved or improving."
* purpose = "Consumption goal reached or trend going down"

* group[+].id = "objectifs"
* group[=].code.text = "Objectif atteint ou consommation en baisse"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Goal?category=https://fhir.parcours.fr/CodeSystem/parcours-goal-category|consommation"
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Personnes distinctes ayant un objectif d'abstinence ou de réduction commencé avant la fin de la période. / Distinct people with an abstinence or reduction goal."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "lifecycleStatus != 'entered-in-error' and lifecycleStatus != 'cancelled' and lifecycleStatus != 'rejected' and description.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-goal' and (code = 'abstinence' or code = 'reduire-consommation')).exists() and startDate < %dayAfterPeriod"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "subject.reference"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Parmi elles, objectif atteint ou consommation en baisse. / Among them, achieved or improving."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "lifecycleStatus != 'entered-in-error' and lifecycleStatus != 'cancelled' and lifecycleStatus != 'rejected' and description.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-goal' and (code = 'abstinence' or code = 'reduire-consommation')).exists() and startDate < %dayAfterPeriod and achievementStatus.coding.where(code = 'achieved' or code = 'improving').exists()"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "subject.reference"
* group[=].stratifier[+].code.text = "Évolution / achievement"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "achievementStatus.coding.code"
