// Social entry record (seeds: microstructures « fiches sociales d'entrée »; referents and harm-reduction teams work
// on housing, rights, income, work, justice and family). No extraction: the answers stay in the record.
Instance: parcours-entree-sociale
InstanceOf: Questionnaire
Usage: #definition
Title: "Fiche d'entrée sociale"
Description: "Fiche sociale d'entrée : logement, droits et couverture santé, ressources, emploi ou formation, justice, famille. — Social entry record."
* insert QuestionnaireHeader(parcours-entree-sociale, ParcoursEntreeSociale, Fiche d'entrée sociale, Social entry record)
* code[+] = ParcoursCodeSystemRecordAnswer#fiche-entree-sociale "Fiche d'entrée sociale"
* item[+] insert Item(logement, choice, Logement, Housing)
* item[=].required = true
* item[=] insert Opt(logement-stable, Logement personnel stable, Stable own housing)
* item[=] insert Opt(heberge-tiers, Hébergé par un tiers, Staying with someone)
* item[=] insert Opt(residence-sociale, Foyer ou résidence sociale, Hostel or social residence)
* item[=] insert Opt(hebergement-urgence, Hébergement d'urgence ou CHRS, Emergency shelter)
* item[=] insert Opt(sans-domicile, Sans domicile, Homeless)
* item[=] insert Opt(autre, Autre, Other)
* item[+] insert Item(logement-precisions, string, Précisions sur le logement, Housing details)
* item[=].enableWhen[+].question = "logement"
* item[=].enableWhen[=].operator = #!=
* item[=].enableWhen[=].answerCoding = ParcoursCodeSystemRecordAnswer#logement-stable
* item[+] insert Item(droits, group, Droits et couverture santé, Rights and health insurance)
* item[=].item[+] insert Item(assurance-maladie, choice, Assurance maladie, Health insurance)
* item[=].item[=].required = true
* item[=].item[=] insert Opt(droits-ouverts, Droits ouverts, Open)
* item[=].item[=] insert Opt(droits-a-ouvrir, À ouvrir ou à renouveler, To open or renew)
* item[=].item[=] insert Opt(ame, Aide médicale de l'État, State medical aid - AME)
* item[=].item[=] insert Opt(aucune, Aucune, None)
* item[=].item[+] insert Item(complementaire, choice, Complémentaire santé, Complementary health insurance)
* item[=].item[=] insert Opt(c2s, Complémentaire santé solidaire, C2S)
* item[=].item[=] insert Opt(mutuelle, Mutuelle, Private complementary insurance)
* item[=].item[=] insert Opt(aucune, Aucune, None)
* item[=].item[+] insert Item(demarches-droits, text, Démarches à engager, Steps to take)
* item[=].item[=] insert WhenCoding(assurance-maladie, droits-a-ouvrir)
* item[+] insert Item(ressources, choice, Ressources, Income)
* item[=] insert CheckBoxes
* item[=] insert Opt(salaire, Salaire, Wages)
* item[=] insert Opt(rsa, RSA, Minimum income - RSA)
* item[=] insert Opt(aah, AAH, Disability allowance - AAH)
* item[=] insert Opt(chomage, Allocation chômage, Unemployment benefit)
* item[=] insert Opt(retraite, Retraite, Pension)
* item[=] insert Opt(sans-ressources, Sans ressources, No income)
* item[=] insert Opt(autre, Autre, Other)
* item[+] insert Item(activite, choice, Emploi ou formation, Work or training)
* item[=] insert Opt(emploi, En emploi, Employed)
* item[=] insert Opt(formation, En formation, In training)
* item[=] insert Opt(recherche-emploi, En recherche d'emploi, Looking for work)
* item[=] insert Opt(sans-activite, Sans activité, Not working)
* item[=] insert Opt(invalidite, Invalidité ou arrêt longue durée, Disability or long-term sick leave)
* item[+] insert Item(justice, group, Justice, Justice)
* item[=].item[+] insert Item(mesure-judiciaire, boolean, Mesure judiciaire en cours, Ongoing court measure)
* item[=].item[+] insert Item(mesure-precisions, string, Laquelle : obligation de soins ou contrôle judiciaire…, Which one: care order or probation…)
* item[=].item[=] insert WhenTrue(mesure-judiciaire)
* item[+] insert Item(famille, group, Famille et entourage, Family and relatives)
* item[=].item[+] insert Item(situation-familiale, choice, Situation familiale, Family situation)
* item[=].item[=] insert Opt(seul, Vit seul, Lives alone)
* item[=].item[=] insert Opt(en-couple, En couple, With a partner)
* item[=].item[=] insert Opt(avec-enfants, Avec enfants, With children)
* item[=].item[=] insert Opt(chez-parents, Chez ses parents, With parents)
* item[=].item[+] insert Item(enfants, integer, Nombre d'enfants à charge, Number of dependent children)
* item[=].item[+] insert Item(entourage-soutien, boolean, Un proche soutient la démarche, A relative supports the process)
* item[+] insert Item(notes, text, Observations du travailleur social, The social worker's notes)
