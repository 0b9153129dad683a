// Example answers (scenario-microstructure): Karim's medical entry record, filled in by his GP. The app extracts the
// tobacco status and the hepatitis C Condition from it in the same transaction (not repeated here).
Instance: QuestionnaireResponseMicrostructureEntreeMedicaleExample
InstanceOf: ParcoursQuestionnaireResponse
Title: "Fiche d'entrée médicale de Karim"
Usage: #example
* meta.security[+] = $ActCode#SUD "substance use disorder information sensitivity"
* questionnaire = "https://fhir.parcours.fr/Questionnaire/parcours-entree-medicale"
* status = #completed
* subject = Reference(PatientMicrostructureExample)
* author = Reference(PractitionerRoleMicrostructureGpExample)
* authored = "2023-05-02T10:30:00+02:00"
* basedOn = Reference(CarePlanMicrostructureExample)
* item[+].linkId = "consommations"
* item[=].item[+].linkId = "tabac"
* item[=].item[=].answer[+].valueCoding = $SCT#449868002 "Fume du tabac tous les jours"
* item[=].item[+].linkId = "cigarettes-jour"
* item[=].item[=].answer[+].valueInteger = 15
* item[+].linkId = "substitution"
* item[=].item[+].linkId = "tso"
* item[=].item[=].answer[+].valueBoolean = true
* item[=].item[+].linkId = "tso-dose"
* item[=].item[=].answer[+].valueDecimal = 8
* item[+].linkId = "somatique"
* item[=].item[+].linkId = "vhc"
* item[=].item[=].answer[+].valueCoding = ParcoursCodeSystemRecordAnswer#infection-active "Infection active"
* item[=].item[+].linkId = "vih"
* item[=].item[=].answer[+].valueCoding = ParcoursCodeSystemRecordAnswer#negatif "Négatif"
