import { re } from '../phrases.js';
import type { LanguagePack } from './pack.js';
import { recurringMeeting } from './recurring.js';

/**
 * Spanish, from Spain and Latin America (tú, vos and usted). Clear asks:
 * "¿están contratando?", "¿hay alguna vacante?", "¿me podrías recomendar
 * para el puesto?", "pásale mi CV a RR. HH.". Hints: "si sale algo, tenme en
 * cuenta", "¿vuestro equipo está creciendo?", a CV sent "por si sabes de
 * algo". Innocent: "un hueco en tu agenda", "si te surge algo" (a clash),
 * "no busco trabajo", "¿a quién más me recomiendas?".
 */

const ORG = String.raw`(?:equipo|empresa|despacho|estudio|agencia|area|departamento|grupo|laboratorio|lab|firma|oficina|taller|hospital|clinica|redaccion|planta|constructora|organizacion|ong|banco|consultora|startup|tienda|restaurante|cocina|obra|unidad|servicio)`;
const VACANCY = String.raw`(?:vacantes?|plazas?\s+(?:de|para|libres?|disponibles?|abiertas?|vacantes?)|puestos?\s+(?:de|vacantes?|libres?|disponibles?|abiertos?)|posiciones?\s+(?:abiertas?|disponibles?|de)|oportunidad(?:es)?\s+(?:laborales?|de\s+trabajo|de\s+empleo|en\s+(?:tu|su|vuestro|el)\s+\w+)|chamba|curro|pega|practicas|pasantias?|becas?\s+de\s+\w+|empleo|trabajo\s+para\s+mi)`;
const HR = String.raw`(?:rr\s*\.?\s*hh|recursos\s+humanos|reclutamiento|seleccion|contratacion|talento(?:\s+humano)?|reclutador\w*|headhunters?|la\s+persona\s+(?:de|que)\s+\w+)`;
const WH = /\b(?:como|que|cual|cuales|por\s*que|donde|cuando|quien|quienes|sobre)\b/;

export const ES: LanguagePack = {
  clauses: {
    breaks: re(String.raw`\s(?:pero|aunque|sino|sin\s+embargo|no\s+obstante|asi\s+que|por\s+cierto)\b|,\s*(?:y|o|pero|ah)\b|\s(?:y|e)\s+(?=(?:si|me|te|le|podrias|podria|quisiera|seria|por)\b)`),
    negation: /\b(?:no|nunca|jamas|tampoco|ni|sin)\b/,
    asks: /\?|\b(?:podrias|podria|podrian|podeis|puedes|puede|podes|te\s+importaria|le\s+importaria|me\s+gustaria|me\s+encantaria|quisiera|quiero|queria|si|por\s+favor|porfa|ojala|me\s+harias|pedir\w*|agradeceria|te\s+pido|le\s+pido|ten|tenga|tened|acuerd\w*|acordate|avis\w+|me\s+ofrezco|estaria|estarias)\b/,
    hedges: re(
      String.raw`(?:^\s*no\s+(?=(?:habra|habria|hay|tendras|tendrias|tendra|tendran|tendreis|tienes|tiene|tienen|teneis|sabras|sabrias|sabes|sabe|necesitas|necesitais|necesitan|necesita|buscan|buscais|estan|estais|conoces|conoce|podrias|podria|seria|andan|andais)\b)|\bsupongo\s+que\s+no)|\b(?:no\s+(?:se|sabes|sabras|sabria|sabrias|sabe|sabeis|sabran|estoy\s+segur[oa]s?)|si\s+no\s+es\s+mucho\s+pedir|sin\s+(?:compromiso|prisa|problema|presion)|no\s+te\s+preocupes|si\s+no\s+(?:puedes|puede|podes)|no\s+es\s+molestia|no\s+hay\s+prisa|no\s+quiero\s+(?:molestar|abusar|ser\s+pesad[oa]))\b`,
    ),
  },

  jobClear: [
    { re: re(String.raw`\bme\s+(?:tomarias|tomaria|tomarian|aceptarias|aceptaria)\s+como\s+(?:pasante|practicante|becari\w+|aprendiz|ayudante)\b`) },
    // "¿siguen contratando?", "¿están buscando gente?"
    {
      re: re(String.raw`\b(?:estan|estais|estas|esta|siguen|seguis|sigues|sigue|van\s+a\s+estar|estaran)\s+(?:\w+\s+){0,2}?(?:contratando|reclutando|incorporando|buscando\s+(?:gente|personal|perfiles|candidat\w+|a\s+alguien|alguien|mas\s+gente|\w+istas|\w+ores))\b`),
      // A named field as the subject ("¿la minería está contratando?") asks about the market, not for a job.
      unlessBefore: /\b(?:como|que|cual|cuales|por\s*que|donde|cuando|quien|quienes|sobre|sector|industria|mercado|rubro|campo|pais|ciudad|empresas)\b|\b(?:la|el|los|las)\s+(?!(?:empresa|equipo|despacho|estudio|agencia|firma|oficina|taller|planta|constructora|organizacion|ong|banco|consultora|startup|area|departamento|grupo|laboratorio|hospital|clinica|redaccion)\b)\w+(?:\s+\w+){0,3}\s*$/,
    },
    { re: re(String.raw`\b(?:contratan|contratais|contratas|contrata|buscan|buscais)\s+(?:\w+\s+){0,2}?(?:gente|personal|estudiantes|becarios|practicantes|pasantes|junior\w*|\w+istas|\w+ores)\b`), unlessBefore: WH },
    // "¿hay alguna vacante?", "¿tienen plazas de técnico?", "hay chamba en tu agencia?"
    {
      re: re(String.raw`\b(?:hay|habra|habria|tienen|teneis|tienes|tiene|tendran|tendreis|tendrias|tendria|sabes\s+de|sabe\s+de|sabras\s+de|sabrias\s+de|sabria\s+de|sabreis\s+de|conoces|conoce)\s+(?:\w+\s+){0,2}?${VACANCY}`),
      unlessBefore: WH,
      unlessAfter: /^\s*(?:\S+\s+){0,3}?(?:en|para)\s+(?:el|la|los|las)\s+(?:taller|seminario|curso|charla|conferencia|bus|excursion|evento|jornada|visita)/,
    },
    { re: re(String.raw`\b(?:vacantes?|puestos?)\s+(?:\w+\s+)?(?:abiertos?|abiertas?|disponibles?|libres?)\s+(?:en|para)\b`), unlessBefore: WH },
    // "¿me podrías recomendar para el puesto?", "¿me podría referir para esa posición?"
    { re: re(String.raw`\b(?:recomendar(?:me|la|lo)?|referir(?:me)?|recomiendes|refieras|proponer(?:me)?|postular(?:me)?|recomendarias|recomendaria)\s+(?:\w+\s+)?para\s+(?:el|la|ese|esa|este|esta|un|una|alguna?|algun)?\s*(?:puesto|vacante|plaza|posicion|cargo|rol|trabajo|empleo|practicas)\b`) },
    // "pásale mi hoja de vida al encargado de contratación"
    { re: re(String.raw`\b(?:pas(?:a|ar|arle|arla|arlo|arselo|arsela|e|es|ale|ales|ele|eles|aselo|asela|arias?)|reenvi(?:a|ar|arle|es|e|arias?)|hac(?:er|es|e)(?:le)?\s+llegar|mand(?:a|ar|arle|es|e|arias?)|envi(?:a|ar|arle|es|e|arias?)|entreg(?:a|ar|arle|ues|ue))\s+(?:\S+\s+){0,9}?${HR}\b`) },
    { re: re(String.raw`\ba\s+(?:quien|la\s+persona\s+que)\s+(?:lleve|lleva|se\s+ocupe\s+de|se\s+ocupa\s+de|gestione|gestiona|haga|este\s+a\s+cargo\s+de)\s+(?:la\s+|las\s+|el\s+|los\s+)?(?:seleccion|contratacion\w*|incorporaciones|bolsa|rrhh|reclutamiento)\b`) },
    { re: re(String.raw`\bme\s+(?:considere|considerara|consideren|consideres|considerase)\s+como\b|\bme\s+(?:considere|considerara|consideren|consideres|considerase|tenga\s+en\s+cuenta|tengan\s+en\s+cuenta|tengas\s+en\s+cuenta)\s+para\b|\bconsiderar(?:me)?\s+para\s+(?:el|la)?\s*(?:puesto|vacante|plaza|posicion)\b`) },
    { re: re(String.raw`\b(?:conseguir(?:me)?|consigas|consiguieras)\s+(?:\w+\s+)?(?:una\s+)?entrevista\b|\bme\s+fich(?:as|ais|arias|aria|aran|en)\b`) },
    { re: re(String.raw`\b(?:me\s+contrat(?!aron\b|o\b|aste\b|asteis\b|aban\b|aria\s+nadie)\w*|contratarme|me\s+dar\w*\s+(?:trabajo|chamba|curro|una\s+oportunidad)|darme\s+(?:trabajo|chamba|curro|una\s+oportunidad))\b`) },
    { re: re(String.raw`\b(?:aceptan|aceptais|aceptas|acepta|cogeis|cogen|toman|tomais)\s+(?:a\s+)?(?:estudiantes|alumn\w+|becari\w+|practicantes|pasantes|aprendices|gente\s+en\s+practicas)\b`) },
    { re: re(String.raw`\bcon\s+quien\s+tengo\s+que\s+hablar\s+para\s+que\s+me\b|\bbusco\s+(?:trabajo|empleo|chamba|practicas)\s+(?:en|con)\s+(?:tu|su|vuestr\w+)\b`) },
  ],

  jobPossible: [
    // Una palabra de empleo en una frase que pide o desea: "¿aceptan becarios?", "si necesitan a alguien".
    {
      re: re(String.raw`\b(?:trabajo|empleo|chamba|curro|pega|laburo|pincha|camello|puesto|puestos|plazas?\s+(?:de|para|en|libres?|vacantes?)|vacantes?|practicas|practicante\w*|pasantias?|pasante\w*|becari\w*|contratar(?:me)?|contrat(?:en|eis|an|ais)|fichar(?:me)?|incorporar(?:me)?|enchuf\w+|candidatura|postulacion|postularme|oportunidad(?:es)?\s+(?:laboral\w*|de\s+\w+|en\s+\w+)|turnos|freelance\w*|encargos?|postdoc\w*|gente|personal|hueco\s+para\s+mi|sitio\s+para\s+mi|cuenta\s+conmigo|cuentes\s+conmigo)\b`),
      inAsk: /\?|\b(?:si|me\s+encantaria|me\s+gustaria|quisiera|me\s+interesa\w*|interesad[oa]|por\s+favor|porfa|avis\w+|podrias|podria|podrian|puedes|puede|ojala|feliz\s+de|encantad[oa]|dispuest[oa]|pienses?\s+en\s+mi|penseis\s+en\s+mi)\b/,
      unlessBefore: /\b(?:como|cual|cuales|por\s*que|donde|cuando|quien|quienes|sobre)\b|\b(?:mi|mis|tu|tus|su|sus|primer|primera|anterior|antigu[oa]|actual|nuev[oa]|consegui|consiguio|conseguiste|obtuvo|saco|sacaste|tenia|tuve|hice|hizo|busco)\s+(?:\S+\s+)?$/,
      unlessAfter: /^\s*(?:de\s+(?:campo|fin\s+de|investigacion|grupo|grado|equipo\s+es)|en\s+(?:tu|su)\s+agenda|que\s+(?:tengo|tuve|tenia|hago|hice)|actual|social|publico|remoto\s+es|proceso|en\s+(?:el|los)\s+medios)\b/,
    },
    { re: re(String.raw`\b${ORG}\s+(?:\w+\s+)?(?:esta|estan|va\s+a|sigue)\s+(?:\w+\s+)?(?:creciendo|ampliandose|en\s+expansion|crecer|contratando)\b`), unlessBefore: /\b(?:como|por\s*que)\b/ },
    { re: re(String.raw`\bnecesit\w+\s+(?:\w+\s+)?(?:gente|personal|a\s+alguien|mas\s+gente|manos|refuerzos?|\w+istas)\b`), unlessBefore: WH },
    { re: re(String.raw`\b(?:andan|andais|andas|anda|estan|estais|esta|siguen)\s+buscando\s+(?:gente|personal|a\s+alguien|perfiles|\w+ores|\w+istas|desarrollador\w*|ingenier\w+|\w+eros)\b`), unlessBefore: WH },
    { re: re(String.raw`\b(?:sitio|hueco|lugar|espacio|cabida)\s+para\s+(?:alguien|una\s+persona|gente)\s+como\s+yo\b|\bperfiles?\s+como\s+el\s+mio\b|\ben\s+(?:el|tu|su|vuestro)\s+radar\b|\b(?:cuente|cuenta|cuentes|contad|cuenten)\s+conmigo\b|\bdonde\s+(?:pueda|podria|puedo)\s+(?:sumar|aportar|encajar|echar\s+una\s+mano)\b`) },
    { re: re(String.raw`\bcualquier\s+cos\w+\s+(?:que\s+)?(?:sepas|sepa|sepan|salga|surja|veas|oigas)\b|\bme\s+(?:(?:pueden|podrias|podria|podrian|podeis|puedes|quieren|querrian)\s+)?(?:cogerias|cogeria|coges|cogeis|tomarias|tomaria|tomar|coger|fich\w+)\b(?!\s+(?:un|una|el|la)\s+(?:cafe|cafecito|algo|tiempo|cana|descanso))`) },
    { re: re(String.raw`\bsi\s+(?:alguna\s+vez\s+|algun\s+dia\s+|en\s+algun\s+momento\s+)?(?:necesit\w+|busc\w+)\s+(?:un|una|a\s+alguien|alguien|gente|mas|perfiles)\b`), negationProof: true },
    // "si sale algo en tu equipo", "si se abre algo"; not "si te surge algo" (a clash)
    { re: re(String.raw`\b(?:sale|saliera|salga|surge|surgiera|surja|se\s+(?:le\s+|te\s+|les\s+|os\s+)?abre|se\s+(?:le\s+|te\s+|les\s+|os\s+)?abriera|se\s+(?:le\s+|te\s+|les\s+|os\s+)?abra|se\s+libera|aparece|hay)\s+(?:algo|algun\w*\s+(?:proyecto|puesto|hueco|oportunidad|vacante|plaza))\b`), unlessBefore: /\b(?:te|le|os|les)\s*$/, unlessAfter: /^\s*,?\s*(?:lo|la)\s+(?:movemos|cambiamos)/ },
    { re: re(String.raw`\b(?:si|por\s+si)\s+(?:te\s+|se\s+)?(?:enteras|entera|enterais|sabes|sabe|supieras|supiera|oyes|escuchas|ves|ve)\s+(?:de\s+|que\s+(?:sale|hay)\s+)?algo\b`), negationProof: true },
    { re: re(String.raw`\b(?:ten|tene|tened|tenga|tengan|tengas|tenerme|tenme|tenerla|tenerlo)\s+en\s+cuenta\b(?!\s+que\b)|\bacuerd\w*\s+de\s+mi\b|\bacordate\s+de\s+mi\b|\bme\s+avis\w+\s+(?:si|cuando)\b|\bavisa(?:me|nos)\s+(?:si|cuando)\b|\bme\s+ofrezco\b`) },
    { re: re(String.raw`\b(?:adjunt\w*|dejo|mando|envio|paso)\s+(?:\w+\s+)?(?:mi\s+)?(?:cv|curriculum|hoja\s+de\s+vida)\b|\b(?:cv|curriculum|hoja\s+de\s+vida)\s+adjunt\w*\b`), unlessAfter: /^\s*(?:para\s+que\s+(?:me\s+)?(?:des|de|deis)\s+(?:tu|su)?\s*(?:opinion|feedback)|por\s+si\s+quieres\s+(?:echarle|revisarlo))/ },
    { re: re(String.raw`\b(?:plaza|vacante|puesto|posicion)\s+(?:de\s+\w+\s+)?que\s+(?:me\s+)?(?:mencion|coment|dij|habl)\w*`) },
    { re: re(String.raw`\b(?:trabajar|colaborar)\s+(?:con\s+(?:vosotros|ustedes|usted|contigo|vos)|en\s+(?:tu|su|vuestr\w+)\s+${ORG}|a\s+(?:tu|su)\s+lado)\b`), unlessBefore: /\b(?:como|que\s+tal|sobre)\b/ },
    { re: re(String.raw`\b(?:ampliando|montando|armando|formando|agrandando)\s+(?:el\s+|un\s+|su\s+|vuestro\s+|tu\s+)?equipo\b|\bcarta\s+de\s+(?:referencia|recomendacion)\b|\bmeter\s+(?:un\s+|el\s+)?pie\b`) },
  ],

  mentorship: [
    { re: re(String.raw`\b(?:ser|seas|sea|fueras|fuera|hacerme\s+de|hagas\s+de|hiciera\s+de|hicieras\s+de|actuar\s+como)\s+(?:mi\s+)?mentor(?:a)?\b`) },
    recurringMeeting(
      String.raw`vernos|juntarnos|juntemos|veamos|hablar|hablemos|reunirnos|reunamos|llamada|llamadas|videollamada|videollamadas|cafe|cafecito|charla|charlas|conversacion|conversaciones|revisar|seguimiento|periodico|escrib\w+|consult\w+|contarte|contarle|sesion\w*|llamarte|llamarle|orientarme|acompanarme|acompanarnos|dar\s+la\s+lata|escribirle|escribirte|acudir|rebotar|asesorar\w*|seguir|siguiendo|conversa|viéramos|vieramos|lo\s+hicieramos`,
      String.raw`(?:una|dos)\s+vez\s+al\s+(?:mes|trimestre)|(?:una|dos)\s+veces?\s+(?:al|por|a\s+la)\s+(?:mes|semana|trimestre)|cada\s+(?:mes|semana|quincena|trimestre|dos\s+semanas|\w+\s+(?:semanas|meses))|al\s+mes|por\s+mes|de\s+forma\s+(?:periodica|regular)|regularmente|algo\s+periodico|periodicamente|de\s+vez\s+en\s+cuando|cada\s+tanto|cada\s+cierto\s+tiempo|semanal\w*|mensual\w*|trimestral\w*|una\s+vez\s+al\s+trimestre|cada\s+par\s+de\s+(?:meses|semanas)|cada\s+pocos?\s+(?:meses|semanas)|algo\s+regular|a\s+lo\s+largo\s+de(?:l|\s+este)?\s+(?:primer\s+)?(?:ano|proceso)|durante\s+(?:este|el|mi|mis)\s+primer(?:o|os)?\s+(?:ano|anos)`,
      /\b(?:como|cuantas\s+veces|cada\s+cuanto|con\s+que\s+frecuencia)\b|\b(?:nuestra|nuestro|su|tu|mi)\s+(?:\S+\s+)?$/,
    ),
    { re: re(String.raw`\b(?:una\s+especie\s+de|algo\s+asi\s+como|como)\s+(?:mi\s+)?(?:mentor[a]?|coach|sponsor|madrina|padrino|referente)\b|\bmi\s+(?:madrina|padrino|sponsor|coach)\b|\btenerte\s+como\s+referente\b|\bbajo\s+(?:su|tu)\s+ala\b|\bsigui?(?:endo|r)\s+mis\s+avances\b|\basesorarme\b|\bacompanar(?:me|nos)\s+(?:durante|en\s+este|a\s+lo\s+largo)\b`), unlessBefore: /\b(?:como\s+(?:elegiste|fue|encontraste)|tuviste|tuvo)\b/ },
    { re: re(String.raw`\balgo\s+periodico\b|\b(?:mentoria|acompanamiento)\s+(?:conmigo|para\s+mi|durante)\b`) },
  ],

  notAJob: /\b(?:pacientes?|clientes?|socios?|voluntari\w+|participantes?|invitad\w+|corredor\w*|jugador\w*|camas?|habitacion\w*|piso|hermana|hermano|hij[oa]|amig[oa]|mentor\w*|entradas?|asientos?|mesa|cita|albergue|carrera|relevos?|maraton|coro|contralto|soprano|tenor|club|clase|curso|taller|seminario|charla|ponencia|panel|podcast|premio|beca|residencia\s+artistica|estudio\s+clinico|ensayo|jornada\s+de\s+puertas|evento|cena|fiesta|futbol|futbito|hackathon|excursion|viaje|trekking|lista\s+de\s+espera|reportaje|tfg|tesis|articulo)\b/,
  jobWords: /\b(?:trabajo|empleo|chamba|curro|laburo|pega|puestos?|vacantes?\s+de|practicas|pasantias?|contrat\w+\s+(?:como|de)|sueldo|jornada\s+(?:completa|parcial))\b/,
  research: /\b(?:no\s+(?:es\s+)?para\s+mi|no\s+soy\s+candidat[oa]|no\s+me\s+presento|para\s+mi\s+(?:tfg|tesis|trabajo\s+de\s+fin|reportaje|articulo|investigacion)|escribo\s+(?:un|mi)\s+(?:reportaje|articulo|tfg|tesis)|soy\s+(?:el|la)\s+fundador\w*|soy\s+periodista)\b/,

  favour: [
    { re: re(String.raw`\b(?:podrias|podria|podrian|podeis|puedes|puede|podes|te\s+importaria|le\s+importaria|me\s+harias|me\s+haria|seria\s+posible|me\s+gustaria\s+pedir\w*|te\s+queria\s+pedir|le\s+queria\s+pedir|por\s+favor|porfa|me\s+pasas|me\s+presentas|me\s+presentarias)\b`) },
  ],
};
