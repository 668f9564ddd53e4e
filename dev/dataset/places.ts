/**
 * Where synthetic respondents live: real towns in each force area (so an
 * address notified to Cheshire is in Cheshire) and generic street names, and
 * the rough relative size of each force (resident population in millions, a
 * little more for London) that skews how many orders each force applies for.
 */
export const TOWNS_BY_FORCE: Readonly<Record<string, readonly string[]>> = {
  "01": ["Croydon, London", "Hackney, London", "Lewisham, London", "Ealing, London", "Barnet, London", "Enfield, London", "Brixton, London", "Walthamstow, London", "Romford, London", "Wembley, London"],
  "48": ["Barbican, London", "Aldgate, London", "Smithfield, London"],
  "10": ["Newcastle upon Tyne, Tyne and Wear", "Sunderland, Tyne and Wear", "Gateshead, Tyne and Wear", "South Shields, Tyne and Wear", "Blyth, Northumberland", "Morpeth, Northumberland"],
  "11": ["Durham, County Durham", "Darlington, County Durham", "Chester-le-Street, County Durham", "Bishop Auckland, County Durham", "Peterlee, County Durham", "Consett, County Durham"],
  "17": ["Middlesbrough", "Hartlepool", "Stockton-on-Tees", "Redcar"],
  "03": ["Carlisle, Cumbria", "Barrow-in-Furness, Cumbria", "Kendal, Cumbria", "Workington, Cumbria", "Penrith, Cumbria", "Whitehaven, Cumbria"],
  "04": ["Preston, Lancashire", "Blackpool, Lancashire", "Blackburn, Lancashire", "Burnley, Lancashire", "Lancaster, Lancashire", "Chorley, Lancashire", "Accrington, Lancashire"],
  "05": ["Liverpool, Merseyside", "Birkenhead, Merseyside", "St Helens, Merseyside", "Southport, Merseyside", "Bootle, Merseyside", "Wallasey, Merseyside"],
  "06": ["Manchester, Greater Manchester", "Salford, Greater Manchester", "Bolton, Greater Manchester", "Wigan, Greater Manchester", "Stockport, Greater Manchester", "Oldham, Greater Manchester", "Rochdale, Greater Manchester", "Bury, Greater Manchester"],
  "07": ["Chester, Cheshire", "Crewe, Cheshire", "Warrington, Cheshire", "Runcorn, Cheshire", "Widnes, Cheshire", "Macclesfield, Cheshire", "Northwich, Cheshire", "Ellesmere Port, Cheshire"],
  "60": ["Wrexham", "Bangor, Gwynedd", "Rhyl, Denbighshire", "Colwyn Bay, Conwy", "Llandudno, Conwy", "Holyhead, Isle of Anglesey", "Mold, Flintshire"],
  "12": ["York, North Yorkshire", "Harrogate, North Yorkshire", "Scarborough, North Yorkshire", "Selby, North Yorkshire", "Northallerton, North Yorkshire", "Skipton, North Yorkshire"],
  "13": ["Leeds, West Yorkshire", "Bradford, West Yorkshire", "Huddersfield, West Yorkshire", "Wakefield, West Yorkshire", "Halifax, West Yorkshire", "Dewsbury, West Yorkshire", "Keighley, West Yorkshire"],
  "14": ["Sheffield, South Yorkshire", "Rotherham, South Yorkshire", "Doncaster, South Yorkshire", "Barnsley, South Yorkshire"],
  "16": ["Hull, East Riding of Yorkshire", "Beverley, East Riding of Yorkshire", "Bridlington, East Riding of Yorkshire", "Goole, East Riding of Yorkshire", "Grimsby, Lincolnshire", "Scunthorpe, Lincolnshire"],
  "30": ["Derby, Derbyshire", "Chesterfield, Derbyshire", "Buxton, Derbyshire", "Ilkeston, Derbyshire", "Matlock, Derbyshire", "Swadlincote, Derbyshire"],
  "31": ["Nottingham, Nottinghamshire", "Mansfield, Nottinghamshire", "Newark-on-Trent, Nottinghamshire", "Worksop, Nottinghamshire", "Beeston, Nottinghamshire"],
  "32": ["Lincoln, Lincolnshire", "Boston, Lincolnshire", "Grantham, Lincolnshire", "Skegness, Lincolnshire", "Spalding, Lincolnshire", "Gainsborough, Lincolnshire"],
  "33": ["Leicester, Leicestershire", "Loughborough, Leicestershire", "Hinckley, Leicestershire", "Melton Mowbray, Leicestershire", "Coalville, Leicestershire", "Oakham, Rutland"],
  "34": ["Northampton, Northamptonshire", "Kettering, Northamptonshire", "Corby, Northamptonshire", "Wellingborough, Northamptonshire", "Daventry, Northamptonshire"],
  "20": ["Birmingham, West Midlands", "Coventry, West Midlands", "Wolverhampton, West Midlands", "Dudley, West Midlands", "Walsall, West Midlands", "Solihull, West Midlands", "West Bromwich, West Midlands"],
  "21": ["Stafford, Staffordshire", "Stoke-on-Trent, Staffordshire", "Lichfield, Staffordshire", "Tamworth, Staffordshire", "Burton upon Trent, Staffordshire", "Cannock, Staffordshire", "Newcastle-under-Lyme, Staffordshire", "Leek, Staffordshire"],
  "22": ["Worcester, Worcestershire", "Hereford, Herefordshire", "Shrewsbury, Shropshire", "Telford, Shropshire", "Kidderminster, Worcestershire", "Redditch, Worcestershire"],
  "23": ["Warwick, Warwickshire", "Nuneaton, Warwickshire", "Rugby, Warwickshire", "Leamington Spa, Warwickshire", "Stratford-upon-Avon, Warwickshire", "Bedworth, Warwickshire"],
  "35": ["Cambridge, Cambridgeshire", "Peterborough, Cambridgeshire", "Huntingdon, Cambridgeshire", "Ely, Cambridgeshire", "Wisbech, Cambridgeshire", "St Neots, Cambridgeshire"],
  "36": ["Norwich, Norfolk", "Great Yarmouth, Norfolk", "King's Lynn, Norfolk", "Thetford, Norfolk", "Dereham, Norfolk"],
  "37": ["Ipswich, Suffolk", "Bury St Edmunds, Suffolk", "Lowestoft, Suffolk", "Felixstowe, Suffolk", "Sudbury, Suffolk"],
  "40": ["Bedford, Bedfordshire", "Luton, Bedfordshire", "Dunstable, Bedfordshire", "Leighton Buzzard, Bedfordshire", "Biggleswade, Bedfordshire"],
  "41": ["St Albans, Hertfordshire", "Watford, Hertfordshire", "Stevenage, Hertfordshire", "Hemel Hempstead, Hertfordshire", "Hatfield, Hertfordshire", "Hertford, Hertfordshire"],
  "42": ["Chelmsford, Essex", "Colchester, Essex", "Southend-on-Sea, Essex", "Basildon, Essex", "Harlow, Essex", "Clacton-on-Sea, Essex"],
  "46": ["Maidstone, Kent", "Canterbury, Kent", "Dover, Kent", "Ashford, Kent", "Margate, Kent", "Gillingham, Kent", "Tunbridge Wells, Kent"],
  "43": ["Oxford, Oxfordshire", "Reading, Berkshire", "Milton Keynes, Buckinghamshire", "Slough, Berkshire", "High Wycombe, Buckinghamshire", "Banbury, Oxfordshire", "Aylesbury, Buckinghamshire"],
  "44": ["Southampton, Hampshire", "Portsmouth, Hampshire", "Winchester, Hampshire", "Basingstoke, Hampshire", "Aldershot, Hampshire", "Newport, Isle of Wight"],
  "45": ["Guildford, Surrey", "Woking, Surrey", "Epsom, Surrey", "Redhill, Surrey", "Staines-upon-Thames, Surrey", "Camberley, Surrey"],
  "47": ["Brighton, East Sussex", "Eastbourne, East Sussex", "Hastings, East Sussex", "Crawley, West Sussex", "Worthing, West Sussex", "Chichester, West Sussex"],
  "50": ["Plymouth, Devon", "Exeter, Devon", "Torquay, Devon", "Barnstaple, Devon", "Truro, Cornwall", "Penzance, Cornwall", "Newquay, Cornwall"],
  "52": ["Bristol", "Bath, Somerset", "Weston-super-Mare, Somerset", "Taunton, Somerset", "Yeovil, Somerset", "Bridgwater, Somerset"],
  "53": ["Gloucester, Gloucestershire", "Cheltenham, Gloucestershire", "Stroud, Gloucestershire", "Cirencester, Gloucestershire", "Tewkesbury, Gloucestershire"],
  "54": ["Swindon, Wiltshire", "Salisbury, Wiltshire", "Chippenham, Wiltshire", "Trowbridge, Wiltshire", "Devizes, Wiltshire"],
  "55": ["Bournemouth, Dorset", "Poole, Dorset", "Weymouth, Dorset", "Dorchester, Dorset", "Bridport, Dorset"],
  "61": ["Newport", "Cwmbran, Torfaen", "Pontypool, Torfaen", "Ebbw Vale, Blaenau Gwent", "Abergavenny, Monmouthshire", "Caerphilly"],
  "62": ["Cardiff", "Swansea", "Bridgend", "Merthyr Tydfil", "Pontypridd, Rhondda Cynon Taf", "Barry, Vale of Glamorgan", "Neath, Neath Port Talbot"],
  "63": ["Aberystwyth, Ceredigion", "Carmarthen, Carmarthenshire", "Llanelli, Carmarthenshire", "Haverfordwest, Pembrokeshire", "Newtown, Powys", "Brecon, Powys", "Llandrindod Wells, Powys"],
  // British Transport Police covers the rail network; its respondents live anywhere.
  "93": ["Birmingham, West Midlands", "Manchester, Greater Manchester", "Leeds, West Yorkshire", "Croydon, London", "Reading, Berkshire", "Cardiff", "Bristol", "Crewe, Cheshire"],
};

export const FORCE_SIZE: Readonly<Record<string, number>> = {
  "01": 9.0, "48": 0.1, "10": 1.5, "11": 0.65, "17": 0.57, "03": 0.5, "04": 1.5, "05": 1.4,
  "06": 2.9, "07": 1.1, "60": 0.7, "12": 0.83, "13": 2.35, "14": 1.4, "16": 0.93, "30": 1.05,
  "31": 1.15, "32": 0.77, "33": 1.1, "34": 0.76, "20": 2.95, "21": 1.13, "22": 1.3, "23": 0.6,
  "35": 0.88, "36": 0.92, "37": 0.76, "40": 0.69, "41": 1.2, "42": 1.85, "46": 1.86, "43": 2.4,
  "44": 2.0, "45": 1.2, "47": 1.7, "50": 1.8, "52": 1.72, "53": 0.64, "54": 0.72, "55": 0.78,
  "61": 0.6, "62": 1.33, "63": 0.52, "93": 0.25,
};

export const STREET_NAMES: readonly string[] = [
  "Station Road", "Church Street", "High Street", "Victoria Road", "Park Avenue", "Mill Lane", "The Crescent",
  "Queen Street", "Elm Grove", "Meadow Close", "Orchard Way", "Kingsway", "Chapel Lane", "Springfield Road",
  "Windsor Avenue", "Oak Drive", "Beech Road", "Manor Road", "Grange Road", "Albert Street", "Cedar Close",
  "Willow Way", "Hawthorn Avenue", "North Road", "West Street", "School Lane", "Brook Street", "Green Lane",
  "Highfield Road", "York Road", "Alexandra Road", "Cromwell Road", "Nelson Street", "Marlborough Road",
  "Rosemary Lane", "Lime Tree Walk", "Ashfield Crescent", "Birch Grove", "Chestnut Avenue", "Fernhill Drive",
  "Heather Close", "Juniper Way", "Larch Road", "Maple Court", "Poplar Street", "Rowan Drive", "Sycamore Close",
  "Thornfield Road", "Valley View", "Woodland Rise",
];

const townNames = new Map<string, string>();

/** "Lichfield, Staffordshire" -> "Lichfield". */
export function townName(place: string): string {
  let town = townNames.get(place);
  if (town === undefined) {
    town = place.split(",")[0];
    townNames.set(place, town);
  }
  return town;
}
