// Rules shared by the Parcours Questionnaires (entry, follow-up and end-of-care records). French is the text; English
// rides on the standard translation extension (http://hl7.org/fhir/StructureDefinition/translation), which SDC
// renderers and the app read to show the other language.

RuleSet: TextEn(text)
* extension[+].url = "http://hl7.org/fhir/StructureDefinition/translation"
* extension[=].extension[+].url = "lang"
* extension[=].extension[=].valueCode = #en
* extension[=].extension[+].url = "content"
* extension[=].extension[=].valueString = "{text}"

RuleSet: QuestionnaireHeader(id, name, fr, en)
* status = #active
* experimental = false
* publisher = "Parcours"
* jurisdiction = urn:iso:std:iso:3166#FR "France"
* language = #fr-FR
* url = "https://fhir.parcours.fr/Questionnaire/{id}"
* name = "{name}"
* version = "0.1.0"
* title = "{fr}"
* title insert TextEn({en})
* subjectType = #Patient

// An item: linkId, type, French text, English text (path context: `* item[+] insert Item(...)`).
RuleSet: Item(linkId, type, fr, en)
* linkId = "{linkId}"
* type = #{type}
* text = "{fr}"
* text insert TextEn({en})

// An answer option from the Parcours record answers (codes in ParcoursCodeSystemRecordAnswer).
RuleSet: Opt(code, fr, en)
* answerOption[+].valueCoding = ParcoursCodeSystemRecordAnswer#{code} "{fr}"
* answerOption[=].valueCoding.display insert TextEn({en})

// AUDIT-C answer (LOINC answer code, its score as ordinalValue).
RuleSet: AuditOpt(code, score, fr, en)
* answerOption[+].valueCoding = $LNC#{code} "{fr}"
* answerOption[=].valueCoding.display insert TextEn({en})
* answerOption[=].valueCoding.extension[+].url = "http://hl7.org/fhir/StructureDefinition/ordinalValue"
* answerOption[=].valueCoding.extension[=].valueDecimal = {score}

// SDC observation-based extraction: the answer becomes an Observation with the item's code.
RuleSet: ObservationExtract
* extension[+].url = "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-observationExtract"
* extension[=].valueBoolean = true

// Shown only when the item `question` was answered with the coding `code` of the record answers.
RuleSet: WhenCoding(question, code)
* enableWhen[+].question = "{question}"
* enableWhen[=].operator = #=
* enableWhen[=].answerCoding = ParcoursCodeSystemRecordAnswer#{code}

RuleSet: WhenTrue(question)
* enableWhen[+].question = "{question}"
* enableWhen[=].operator = #=
* enableWhen[=].answerBoolean = true

// UCUM unit of a numeric item (SDC questionnaire-unit).
RuleSet: Unit(code, display)
* extension[+].url = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
* extension[=].valueCoding = $UCUM#{code} "{display}"

// A choice with several answers shows check boxes (SDC questionnaire-itemControl check-box).
RuleSet: CheckBoxes
* repeats = true
* extension[+].url = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
* extension[=].valueCodeableConcept = http://hl7.org/fhir/questionnaire-item-control#check-box "Check-box"
