// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-contacts
InstanceOf: Measure
Usage: #definition
Title: "Contacts tenus, par mode, profession, domaine et lieu"
Description: "Les contacts tenus avec les personnes de la structure (consultations, entretiens, appels, visites, aller-vers, accompagnements ; ni séjours hospitaliers, ni réunions, ni ateliers), avec ou sans rendez-vous. — Contacts held with the structure's people, with or without an appointment."
* url = "https://fhir.parcours.fr/Measure/parcours-contacts"
* name = "ParcoursMeasureContacts"
* title = "Contacts tenus, par mode, profession, domaine et lieu"
* insert ParcoursMeasure
* description = "Les contacts tenus avec les personnes de la structure (consultations, entretiens, appels, visites, aller-vers, accompagnements ; ni séjours hospitaliers, ni réunions, ni ateliers), avec ou sans rendez-vous. — Contacts held with the structure's people, with or without an appointment."
* purpose = "Contacts held, by mode, profession, domain and site"

* group[+].id = "contacts"
* group[=].code.text = "Contacts tenus"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?status=finished&date=ge{{%searchFrom}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Rencontres terminées avec une personne, commencées dans la période, hors séjours, réunions et ateliers. / Finished encounters with a person, started in the period, stays, meetings and workshops excluded."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "subject.exists() and period.start >= %periodStart and period.start < %dayAfterPeriod and type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'sejour-hospitalier' or code = 'reunion-synthese' or code = 'revue-synthese' or code = 'atelier-groupe')).empty()"
* group[=].stratifier[+].code.text = "Mode / mode"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "class.code"
* group[=].stratifier[+].code.text = "Profession / profession"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "participant.individual.reference.where(startsWith('Practitioner'))"
* group[=].stratifier[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-resolve"
* group[=].stratifier[=].extension[=].valueCode = #profession
* group[=].stratifier[+].code.text = "Domaine / domain"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "reasonCode.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-domain').code"

* group[+].id = "personnes-vues"
* group[=].code.text = "Personnes vues au moins une fois"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?status=finished&date=ge{{%searchFrom}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Personnes distinctes ayant eu au moins un contact tenu dans la période. / Distinct people with at least one contact held."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "subject.exists() and period.start >= %periodStart and period.start < %dayAfterPeriod and type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'sejour-hospitalier' or code = 'reunion-synthese' or code = 'revue-synthese' or code = 'atelier-groupe')).empty()"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "subject.reference"

* group[+].id = "lieux"
* group[=].code.text = "Sites ou structures impliqués"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Encounter?status=finished&date=ge{{%searchFrom}}"
* group[=].population[+].code = $MeasurePop#initial-population
* group[=].population[=].description = "Lieux distincts (structure qui reçoit, ou lieu) des contacts tenus dans la période. / Distinct sites (providing organisation or location) of the contacts held."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "subject.exists() and period.start >= %periodStart and period.start < %dayAfterPeriod and type.coding.where(system = 'https://fhir.parcours.fr/CodeSystem/parcours-encounter-type' and (code = 'sejour-hospitalier' or code = 'reunion-synthese' or code = 'revue-synthese' or code = 'atelier-groupe')).empty()"
* group[=].population[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-distinct"
* group[=].population[=].extension[=].valueString = "serviceProvider.reference | location.location.reference"
