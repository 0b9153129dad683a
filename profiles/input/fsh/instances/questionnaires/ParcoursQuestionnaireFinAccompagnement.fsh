// End-of-care record (seeds: microstructures « fiches de fin de prise en charge »). Its reason is copied onto the
// plan, which the app closes in the same transaction (CarePlan completed, period.end, parcours-end-of-care-reason).
Instance: parcours-fin-accompagnement
InstanceOf: Questionnaire
Usage: #definition
Title: "Fiche de fin d'accompagnement"
Description: "Fiche de fin de prise en charge : date, motif (relais, objectifs atteints, perdu de vue…), situation à la sortie. Sa validation clôt le plan. — End-of-care record; saving it closes the plan."
* insert QuestionnaireHeader(parcours-fin-accompagnement, ParcoursFinAccompagnement, Fiche de fin d'accompagnement, End-of-care record)
* code[+] = ParcoursCodeSystemRecordAnswer#fiche-fin-accompagnement "Fiche de fin d'accompagnement"
* item[+] insert Item(date-fin, date, Date de fin de l'accompagnement, End date of care)
* item[=].required = true
* item[+] insert Item(motif, choice, Motif de fin, Reason for ending)
* item[=].required = true
* item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-end-of-care-reason"
* item[+] insert Item(relais, string, Relais vers : partenaire et contact, Handed over to: partner and contact)
* item[=].enableWhen[+].question = "motif"
* item[=].enableWhen[=].operator = #=
* item[=].enableWhen[=].answerCoding = ParcoursCodeSystemEndOfCareReason#relais-partenaire
* item[=].required = true
* item[+] insert Item(motif-precisions, string, Précisez le motif, Specify the reason)
* item[=].enableWhen[+].question = "motif"
* item[=].enableWhen[=].operator = #=
* item[=].enableWhen[=].answerCoding = ParcoursCodeSystemEndOfCareReason#autre
* item[=].required = true
* item[+] insert Item(verres-jour, decimal, Verres standard par jour à la sortie, Standard drinks per day at the end)
* item[=].code[+] = $LNC#74013-4 "Alcoholic drinks per day"
* item[=] insert ObservationExtract
* item[=] insert Unit({drinks}/d, verres/jour)
* item[+] insert Item(bilan, text, Bilan de l'accompagnement, Review of the follow-up)
