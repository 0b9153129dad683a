// Periodic follow-up record (seeds: microstructures « fiches de suivi »): consumption since the last record, the
// substitution, how each domain evolves, the person's goals. Consumption items are extracted like the entry's.
Instance: parcours-suivi
InstanceOf: Questionnaire
Usage: #definition
Title: "Fiche de suivi"
Description: "Fiche de suivi périodique : consommations, traitement, évolution par domaine, objectifs. — Periodic follow-up record."
* insert QuestionnaireHeader(parcours-suivi, ParcoursSuivi, Fiche de suivi, Follow-up record)
* code[+] = ParcoursCodeSystemRecordAnswer#fiche-suivi "Fiche de suivi"
* item[+] insert Item(consommations, group, Consommations depuis la dernière fiche, Use since the last record)
* item[=].item[+] insert Item(verres-jour, decimal, Verres standard par jour en moyenne, Standard drinks per day on average)
* item[=].item[=].code[+] = $LNC#74013-4 "Alcoholic drinks per day"
* item[=].item[=] insert ObservationExtract
* item[=].item[=] insert Unit({drinks}/d, verres/jour)
* item[=].item[+] insert Item(tabac, choice, Tabac, Tobacco)
* item[=].item[=].code[+] = $LNC#72166-2 "Tobacco smoking status"
* item[=].item[=] insert ObservationExtract
* item[=].item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-tobacco-use-status"
* item[=].item[+] insert Item(autres-produits, choice, Autres produits consommés, Other substances used)
* item[=].item[=] insert CheckBoxes
* item[=].item[=].answerValueSet = "https://fhir.parcours.fr/ValueSet/parcours-substance"
* item[=].item[+] insert Item(tso, boolean, Traitement de substitution en cours, Substitution treatment ongoing)
* item[+] insert Item(evolution, group, Évolution depuis la dernière fiche, Changes since the last record)
* item[=].item[+] insert Item(evolution-sante, choice, Santé, Health)
* item[=].item[=] insert Opt(amelioration, Amélioration, Better)
* item[=].item[=] insert Opt(stable, Stable, Stable)
* item[=].item[=] insert Opt(degradation, Dégradation, Worse)
* item[=].item[+] insert Item(evolution-consommations, choice, Consommations, Use)
* item[=].item[=] insert Opt(amelioration, Amélioration, Better)
* item[=].item[=] insert Opt(stable, Stable, Stable)
* item[=].item[=] insert Opt(degradation, Dégradation, Worse)
* item[=].item[+].linkId = "evolution-social"
* item[=].item[=].type = #choice
* item[=].item[=].text = "Logement, droits et ressources"
* item[=].item[=].text insert TextEn(Housing\, rights and income)
* item[=].item[=] insert Opt(amelioration, Amélioration, Better)
* item[=].item[=] insert Opt(stable, Stable, Stable)
* item[=].item[=] insert Opt(degradation, Dégradation, Worse)
* item[=].item[+] insert Item(evolution-psy, choice, Santé mentale, Mental health)
* item[=].item[=] insert Opt(amelioration, Amélioration, Better)
* item[=].item[=] insert Opt(stable, Stable, Stable)
* item[=].item[=] insert Opt(degradation, Dégradation, Worse)
* item[+] insert Item(objectifs, text, Où en sont les objectifs de la personne, Where the person's goals stand)
* item[+] insert Item(prochaine-etape, string, Prochaine étape, Next step)
