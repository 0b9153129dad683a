// Psychological entry record (seeds: microstructures « fiches psychologiques d'entrée »). Written by the
// psychologist; the app labels its answers PSY (psychotherapy content: hidden from the social worker).
Instance: parcours-entree-psychologique
InstanceOf: Questionnaire
Usage: #definition
Title: "Fiche d'entrée psychologique"
Description: "Fiche psychologique d'entrée : demande, antécédents, suivi en cours, risque suicidaire, humeur, motivation. — Psychological entry record."
* insert QuestionnaireHeader(parcours-entree-psychologique, ParcoursEntreePsychologique, Fiche d'entrée psychologique, Psychological entry record)
* code[+] = ParcoursCodeSystemRecordAnswer#fiche-entree-psychologique "Fiche d'entrée psychologique"
* item[+] insert Item(demande, text, Demande de la personne, What the person asks for)
* item[=].required = true
* item[+] insert Item(antecedents-psy, boolean, Antécédents psychiatriques, Psychiatric history)
* item[+] insert Item(antecedents-precisions, text, Lesquels, Which)
* item[=] insert WhenTrue(antecedents-psy)
* item[+] insert Item(suivi-psy, boolean, Suivi psychiatrique en cours : CMP ou psychiatre, Ongoing psychiatric follow-up: CMP or psychiatrist)
* item[+] insert Item(risque-suicidaire, choice, Risque suicidaire, Suicide risk)
* item[=].required = true
* item[=] insert Opt(risque-non-repere, Pas de risque repéré, No risk identified)
* item[=] insert Opt(risque-faible, Risque faible, Low risk)
* item[=] insert Opt(risque-eleve, Risque élevé, High risk)
* item[+] insert Item(risque-conduite, display, Risque élevé : orienter sans délai vers les urgences psychiatriques ou le 3114 et prévenir le médecin., High risk: refer without delay to psychiatric emergency or 3114 and tell the GP.)
* item[=] insert WhenCoding(risque-suicidaire, risque-eleve)
* item[+] insert Item(humeur, choice, Humeur, Mood)
* item[=] insert Opt(humeur-stable, Stable, Stable)
* item[=] insert Opt(humeur-anxieuse, Anxieuse, Anxious)
* item[=] insert Opt(humeur-depressive, Dépressive, Depressed)
* item[=] insert Opt(humeur-instable, Instable, Unstable)
* item[+] insert Item(sommeil, choice, Sommeil, Sleep)
* item[=] insert Opt(sommeil-bon, Satisfaisant, Good)
* item[=] insert Opt(sommeil-perturbe, Perturbé, Disturbed)
* item[+] insert Item(motivation, choice, Où en est la personne de son projet de changement, Where the person stands on change)
* item[=] insert Opt(pre-contemplation, Ne l'envisage pas, Not considering it)
* item[=] insert Opt(contemplation, Y pense, Thinking about it)
* item[=] insert Opt(preparation, Se prépare, Preparing)
* item[=] insert Opt(action, A commencé, Has started)
* item[=] insert Opt(maintien, Maintient le changement, Maintaining it)
* item[+] insert Item(notes, text, Observations de la psychologue, The psychologist's notes)
