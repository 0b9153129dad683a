CodeSystem: ParcoursCodeSystemRecordAnswer
Id: parcours-record-answer
Title: "Réponses des fiches Parcours / Parcours record answers"
Description: "Les fiches Parcours (entrée, suivi, fin d'accompagnement) et les réponses codées de leurs questions : logement, droits, ressources, dépistages, humeur, évolution… — The Parcours records and the coded answers of their questions."
* insert ParcoursCodeSystem
* #fiche-entree-medicale "Fiche d'entrée médicale"
* #fiche-entree-medicale insert En(Medical entry record)
* #fiche-entree-sociale "Fiche d'entrée sociale"
* #fiche-entree-sociale insert En(Social entry record)
* #fiche-entree-psychologique "Fiche d'entrée psychologique"
* #fiche-entree-psychologique insert En(Psychological entry record)
* #fiche-suivi "Fiche de suivi"
* #fiche-suivi insert En(Follow-up record)
* #fiche-fin-accompagnement "Fiche de fin d'accompagnement"
* #fiche-fin-accompagnement insert En(End-of-care record)
* #non-depiste "Non dépisté"
* #non-depiste insert En(Not tested)
* #negatif "Négatif"
* #negatif insert En(Negative)
* #infection-active "Infection active"
* #infection-active insert En(Active infection)
* #gueri "Guéri ou traité"
* #gueri insert En(Cured or treated)
* #vaccine "Vacciné"
* #vaccine insert En(Vaccinated)
* #risque-non-repere "Pas de risque repéré"
* #risque-non-repere insert En(No risk identified)
* #risque-faible "Risque faible"
* #risque-faible insert En(Low risk)
* #risque-eleve "Risque élevé"
* #risque-eleve insert En(High risk)
* #humeur-stable "Stable"
* #humeur-stable insert En(Stable)
* #humeur-anxieuse "Anxieuse"
* #humeur-anxieuse insert En(Anxious)
* #humeur-depressive "Dépressive"
* #humeur-depressive insert En(Depressed)
* #humeur-instable "Instable"
* #humeur-instable insert En(Unstable)
* #sommeil-bon "Satisfaisant"
* #sommeil-bon insert En(Good)
* #sommeil-perturbe "Perturbé"
* #sommeil-perturbe insert En(Disturbed)
* #pre-contemplation "Ne l'envisage pas"
* #pre-contemplation insert En(Not considering it)
* #contemplation "Y pense"
* #contemplation insert En(Thinking about it)
* #preparation "Se prépare"
* #preparation insert En(Preparing)
* #action "A commencé"
* #action insert En(Has started)
* #maintien "Maintient le changement"
* #maintien insert En(Maintaining it)
* #logement-stable "Logement personnel stable"
* #logement-stable insert En(Stable own housing)
* #heberge-tiers "Hébergé par un tiers"
* #heberge-tiers insert En(Staying with someone)
* #residence-sociale "Foyer ou résidence sociale"
* #residence-sociale insert En(Hostel or social residence)
* #hebergement-urgence "Hébergement d'urgence ou CHRS"
* #hebergement-urgence insert En(Emergency shelter)
* #sans-domicile "Sans domicile"
* #sans-domicile insert En(Homeless)
* #autre "Autre"
* #autre insert En(Other)
* #droits-ouverts "Droits ouverts"
* #droits-ouverts insert En(Open)
* #droits-a-ouvrir "À ouvrir ou à renouveler"
* #droits-a-ouvrir insert En(To open or renew)
* #ame "Aide médicale de l'État"
* #ame insert En(State medical aid - AME)
* #aucune "Aucune"
* #aucune insert En(None)
* #c2s "Complémentaire santé solidaire"
* #c2s insert En(C2S)
* #mutuelle "Mutuelle"
* #mutuelle insert En(Private complementary insurance)
* #salaire "Salaire"
* #salaire insert En(Wages)
* #rsa "RSA"
* #rsa insert En(Minimum income - RSA)
* #aah "AAH"
* #aah insert En(Disability allowance - AAH)
* #chomage "Allocation chômage"
* #chomage insert En(Unemployment benefit)
* #retraite "Retraite"
* #retraite insert En(Pension)
* #sans-ressources "Sans ressources"
* #sans-ressources insert En(No income)
* #emploi "En emploi"
* #emploi insert En(Employed)
* #formation "En formation"
* #formation insert En(In training)
* #recherche-emploi "En recherche d'emploi"
* #recherche-emploi insert En(Looking for work)
* #sans-activite "Sans activité"
* #sans-activite insert En(Not working)
* #invalidite "Invalidité ou arrêt longue durée"
* #invalidite insert En(Disability or long-term sick leave)
* #seul "Vit seul"
* #seul insert En(Lives alone)
* #en-couple "En couple"
* #en-couple insert En(With a partner)
* #avec-enfants "Avec enfants"
* #avec-enfants insert En(With children)
* #chez-parents "Chez ses parents"
* #chez-parents insert En(With parents)
* #amelioration "Amélioration"
* #amelioration insert En(Better)
* #stable "Stable"
* #stable insert En(Stable)
* #degradation "Dégradation"
* #degradation insert En(Worse)
