// Medical entry record of the microstructures (seed: microstructures-marseille, « fiches médicales d'entrée »):
// consumption by product (AUDIT-C, drinks per day, tobacco, other substances), opioid substitution, somatic status.
// Extraction: the items flagged observationExtract become the Parcours consumption Observations (AUDIT-C total from
// its three items, drinks per day, tobacco status); hepatitis C / HIV « infection active » become Conditions.
Instance: parcours-entree-medicale
InstanceOf: Questionnaire
Usage: #definition
Title: "Fiche d'entrée médicale"
Description: "Fiche médicale d'entrée dans l'accompagnement : consommations par produit, traitement de substitution, état somatique. — Medical entry record."
* insert QuestionnaireHeader(parcours-entree-medicale, ParcoursEntreeMedicale, Fiche d'entrée médicale, Medical entry record)
* code[+] = ParcoursCodeSystemRecordAnswer#fiche-entree-medicale "Fiche d'entrée médicale"
* item[+] insert Item(consommations, group, Consommations, Use of alcohol and other drugs)
* item[=].item[+] insert Item(auditc, group, Alcool : AUDIT-C, Alcohol: AUDIT-C)
* item[=].item[=].code[+] = $LNC#72109-2 "Alcohol Use Disorder Identification Test - Consumption [AUDIT-C]"
* item[=].item[=].item[+] insert Item(auditc-1, choice, À quelle fréquence consommez-vous de l'alcool ?, How often do you have a drink containing alcohol?)
* item[=].item[=].item[=].code[+] = $LNC#68518-0
* item[=].item[=].item[=].required = true
* item[=].item[=].item[=] insert AuditOpt(LA6270-8, 0, Jamais, Never)
* item[=].item[=].item[=] insert AuditOpt(LA18926-8, 1, Une fois par mois ou moins, Monthly or less)
* item[=].item[=].item[=] insert AuditOpt(LA18927-6, 2, 2 à 4 fois par mois, 2-4 times a month)
* item[=].item[=].item[=] insert AuditOpt(LA18928-4, 3, 2 à 3 fois par semaine, 2-3 times a week)
* item[=].item[=].item[=] insert AuditOpt(LA18929-2, 4, 4 fois ou plus par semaine, 4 or more times a week)
* item[=].item[=].item[+] insert Item(auditc-2, choice, Combien de verres standard un jour typique où vous buvez ?, How many standard drinks on a typical day when you drink?)
* item[=].item[=].item[=].code[+] = $LNC#68519-8
* item[=].item[=].item[=].required = true
* item[=].item[=].item[=] insert AuditOpt(LA15694-5, 0, 1 ou 2, 1 or 2)
* item[=].item[=].item[=] insert AuditOpt(LA15695-2, 1, 3 ou 4, 3 or 4)
* item[=].item[=].item[=] insert AuditOpt(LA18930-0, 2, 5 ou 6, 5 or 6)
* item[=].item[=].item[=] insert AuditOpt(LA18931-8, 3, 7 à 9, 7 to 9)
* item[=].item[=].item[=] insert AuditOpt(LA18932-6, 4, 10 ou plus, 10 or more)
* item[=].item[=].item[+] insert Item(auditc-3, choice, À quelle fréquence buvez-vous six verres ou plus en une occasion ?, How often do you have six or more drinks on one occasion?)
* item[=].item[=].item[=].code[+] = $LNC#68520-6
* item[=].item[=].item[=].required = true
* item[=].item[=].item[=] insert AuditOpt(LA6270-8, 0, Jamais, Never)
* item[=].item[=].item[=] insert AuditOpt(LA18933-4, 1, Moins d'une fois par mois, Less than monthly)
* item[=].item[=].item[=] insert AuditOpt(LA18876-5, 2, Une fois par mois, Monthly)
* item[=].item[=].item[=] insert AuditOpt(LA18891-4, 3, Une fois par semaine, Weekly)
* item[=].item[=].item[=] insert AuditOpt(LA18934-2, 4, Tous les jours ou presque, Daily or almost daily)
* item[=].item[+] insert Item(verres-jour, decimal, Verres standard par jour en moyenne, Standard drinks per day on average)
* item[=].item[=].code[+] = $LNC#74013-4 "Alcoholic drinks per day"
* item[=].item[=] insert ObservationExtract
* item[=].item[=] insert Unit({drinks}/d, verres/jour)
* item[=].item[+] insert Item(tabac, choice, Tabac, Tobacco)
* item[=].item[=].code[+] = $LNC#72166-2 "Tobacco smoking status"
* item[=].item[=] insert ObservationExtract
* item[=].item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-tobacco-use-status"
* item[=].item[+] insert Item(cigarettes-jour, integer, Cigarettes par jour, Cigarettes per day)
* item[=].item[=].code[+] = $LNC#64218-1 "How many cigarettes do you smoke per day now"
* item[=].item[=].enableWhen[+].question = "tabac"
* item[=].item[=].enableWhen[=].operator = #=
* item[=].item[=].enableWhen[=].answerCoding = $SCT#449868002
* item[=].item[=].enableWhen[+].question = "tabac"
* item[=].item[=].enableWhen[=].operator = #=
* item[=].item[=].enableWhen[=].answerCoding = $SCT#428041000124106
* item[=].item[=].enableBehavior = #any
* item[=].item[+] insert Item(autres-produits, choice, Autres produits consommés, Other substances used)
* item[=].item[=] insert CheckBoxes
* item[=].item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-substance"
* item[=].item[+] insert Item(autres-produits-precisions, string, Produits : fréquence et voie, Substances: frequency and route)
* item[+] insert Item(substitution, group, Traitement de substitution aux opiacés, Opioid substitution treatment)
* item[=].item[+] insert Item(tso, boolean, Traitement de substitution en cours, Substitution treatment ongoing)
* item[=].item[+] insert Item(tso-medicament, choice, Médicament, Medication)
* item[=].item[=] insert WhenTrue(tso)
* item[=].item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-opioid-substitution-medication"
* item[=].item[+] insert Item(tso-dose, decimal, Dose quotidienne en mg, Daily dose in mg)
* item[=].item[=] insert WhenTrue(tso)
* item[=].item[=] insert Unit(mg/d, mg/jour)
* item[=].item[+] insert Item(tso-prescripteur, string, Prescripteur ou lieu de délivrance, Prescriber or dispensing place)
* item[=].item[=] insert WhenTrue(tso)
* item[+] insert Item(somatique, group, État somatique, Physical health)
* item[=].item[+] insert Item(vhc, choice, Hépatite C, Hepatitis C)
* item[=].item[=].code[+] = $SCT#50711007 "Viral hepatitis type C"
* item[=].item[=] insert Opt(non-depiste, Non dépisté, Not tested)
* item[=].item[=] insert Opt(negatif, Négatif, Negative)
* item[=].item[=] insert Opt(infection-active, Infection active, Active infection)
* item[=].item[=] insert Opt(gueri, Guéri ou traité, Cured or treated)
* item[=].item[+] insert Item(vhb, choice, Hépatite B, Hepatitis B)
* item[=].item[=] insert Opt(non-depiste, Non dépisté, Not tested)
* item[=].item[=] insert Opt(negatif, Négatif, Negative)
* item[=].item[=] insert Opt(vaccine, Vacciné, Vaccinated)
* item[=].item[=] insert Opt(infection-active, Infection active, Active infection)
* item[=].item[+] insert Item(vih, choice, VIH, HIV)
* item[=].item[=].code[+] = $SCT#86406008 "Human immunodeficiency virus infection"
* item[=].item[=] insert Opt(non-depiste, Non dépisté, Not tested)
* item[=].item[=] insert Opt(negatif, Négatif, Negative)
* item[=].item[=] insert Opt(infection-active, Positif, Positive)
* item[=].item[+] insert Item(depistage-date, date, Date du dernier dépistage, Date of the latest screening)
* item[=].item[+] insert Item(autres-pathologies, text, Autres pathologies chroniques ou traitements, Other chronic conditions or treatments)
* item[+] insert Item(notes, text, Observations du médecin, The GP's notes)
