// Funders' indicator (issue 16): French first; each population in plain words (description) and in FHIRPath.
Instance: parcours-entretiens
InstanceOf: Measure
Usage: #definition
Title: "Entretiens posés et effectifs, par mode et par profession"
Description: "Les rendez-vous (entretiens, consultations) des personnes de la structure : posés (tout rendez-vous de la période sauf saisi par erreur) et effectifs (honorés), par mode prévu (présentiel, téléphone ou visio, domicile) et par profession. — The structure's people's appointments: planned (any but entered-in-error) and held (fulfilled), by planned mode and by profession."
* url = "https://fhir.parcours.fr/Measure/parcours-entretiens"
* name = "ParcoursMeasureEntretiens"
* title = "Entretiens posés et effectifs, par mode et par profession"
* insert ParcoursMeasure
* description = "Les rendez-vous (entretiens, consultations) des personnes de la structure : posés (tout rendez-vous de la période sauf saisi par erreur) et effectifs (honorés), par mode prévu (présentiel, téléphone ou visio, domicile) et par profession. — The structure's people's appointments: planned (any but entered-in-error) and held (fulfilled), by planned mode and by profession."
* purpose = "Appointments planned and held, by mode and by profession"

* group[+].id = "entretiens"
* group[=].code.text = "Entretiens posés / effectifs"
* group[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-source"
* group[=].extension[=].valueExpression.language = #application/x-fhir-query
* group[=].extension[=].valueExpression.expression = "Appointment?date=ge{{%searchFrom}}&date=le{{%searchUntil}}"
* group[=].population[+].code = $MeasurePop#denominator
* group[=].population[=].description = "Posés : rendez-vous dont le début est dans la période, sauf « saisi par erreur ». / Planned: appointments starting in the period, except entered-in-error."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status != 'entered-in-error' and start >= %periodStart and start < %dayAfterPeriod"
* group[=].population[+].code = $MeasurePop#numerator
* group[=].population[=].description = "Effectifs : parmi eux, ceux qui ont été honorés (fulfilled). / Held: among them, the fulfilled ones."
* group[=].population[=].criteria.language = #text/fhirpath
* group[=].population[=].criteria.expression = "status = 'fulfilled' and start >= %periodStart and start < %dayAfterPeriod"
* group[=].stratifier[+].code.text = "Mode prévu / planned mode"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "appointmentType.coding.where(system = 'http://terminology.hl7.org/CodeSystem/v3-ActCode').code"
* group[=].stratifier[+].code.text = "Profession / profession"
* group[=].stratifier[=].criteria.language = #text/fhirpath
* group[=].stratifier[=].criteria.expression = "participant.actor.reference.where(startsWith('Practitioner'))"
* group[=].stratifier[=].extension[+].url = "https://fhir.parcours.fr/StructureDefinition/parcours-measure-resolve"
* group[=].stratifier[=].extension[=].valueCode = #profession
