Extension: ParcoursExtensionMeasureRelated
Id: parcours-measure-related
Title: "Ressources liées, dans un délai / Related resources, within a delay"
Description: "Une seconde recherche dont les ressources sont jointes à chaque ressource du groupe (même clé ; avec withinDays, datées après l'ancre et au plus withinDays jours plus tard) ; les populations les lisent dans %related, un Bundle (collection) : %related.entry.resource. — A second search joined to each resource of the group (same key; with withinDays, dated after the anchor and at most that many days later), read by the populations as %related, a collection Bundle."
* insert ParcoursMetadata
* ^context[0].type = #element
* ^context[0].expression = "Measure.group"
* extension contains source 1..1 and key 1..1 and on 1..1 and anchor 0..1 and date 0..1 and withinDays 0..1
* extension[source].value[x] only Expression
* extension[source] ^short = "Recherche des ressources liées (x-fhir-query) / search of the related resources"
* extension[key].value[x] only string
* extension[key] ^short = "Clé de la ressource liée (FHIRPath) / key of the related resource"
* extension[on].value[x] only string
* extension[on] ^short = "Clé de la ressource du groupe (FHIRPath) / key of the group's resource"
* extension[anchor].value[x] only string
* extension[anchor] ^short = "Date de départ sur la ressource du groupe (FHIRPath) / start date on the group's resource"
* extension[date].value[x] only string
* extension[date] ^short = "Date de la ressource liée (FHIRPath) / date of the related resource"
* extension[withinDays].value[x] only integer
* extension[withinDays] ^short = "Délai en jours / delay in days"
* value[x] 0..0
