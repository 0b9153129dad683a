CodeSystem: ParcoursCodeSystemGoal
Id: parcours-goal
Title: "Objectifs de la personne / The person's goals"
Description: "Objectifs choisis par la personne, formulés sans jugement ; l'abstinence n'est qu'un objectif parmi d'autres. — Goals chosen by the person, worded without judgement; abstinence is one goal among others."
* insert ParcoursCodeSystem
* #reduire-consommation "Réduire sa consommation" "Diminuer les quantités ou la fréquence."
* #reduire-consommation insert En(Reduce consumption)
* #securiser-usage "Sécuriser l'usage" "Réduire les risques et les dommages liés à l'usage."
* #securiser-usage insert En(Secure the use)
* #stabiliser "Stabiliser la situation" "Stabiliser la consommation et la situation de vie."
* #stabiliser insert En(Stabilise the situation)
* #abstinence "Arrêter la consommation" "Abstinence choisie par la personne."
* #abstinence insert En(Stop using)
* #ouvrir-droits "Ouvrir ses droits santé" "Ouvrir ou rouvrir les droits à l'assurance maladie."
* #ouvrir-droits insert En(Reopen health-insurance rights)
* #logement "Trouver ou garder un logement" "Accéder à un logement ou s'y maintenir."
* #logement insert En(Find or keep housing)
* #traiter-vhc "Traiter l'hépatite C" "Mener à terme un traitement de l'hépatite C."
* #traiter-vhc insert En(Treat hepatitis C)
* #prendre-soin-sante "Prendre soin de sa santé" "Reprendre un suivi de santé."
* #prendre-soin-sante insert En(Take care of one's health)
* #lien-social "Retisser des liens" "Rompre l'isolement, renouer avec des proches."
* #lien-social insert En(Rebuild social ties)
