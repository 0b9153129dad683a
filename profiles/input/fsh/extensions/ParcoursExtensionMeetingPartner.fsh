Extension: ParcoursExtensionMeetingPartner
Id: parcours-meeting-partner
Title: "Partenaire présent en réunion de synthèse / Partner attending a synthesis meeting"
Description: "Structure partenaire présente à la réunion (CMP, CSAPA, CAARUD, médecins de ville…), quand elle est représentée sans professionnel nommé dans Parcours ; un professionnel nommé va dans participant. — Partner organisation attending the meeting (CMP, CSAPA, CAARUD, city GPs…) when represented without a professional named in Parcours; a named professional goes in participant."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Encounter"
* value[x] 1..1
* value[x] only Reference(ParcoursOrganization)
* value[x] ^short = "La structure partenaire (avec son nom en display) / the partner organisation (its name as display)"
