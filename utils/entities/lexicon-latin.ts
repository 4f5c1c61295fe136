/**
 * Latin-script words the recognisers of both languages share: Korean news writes AI, CEO and
 * GDP in Latin letters, and English text begins sentences with capitalised function words.
 */

/** Latin acronyms and words that are common nouns, not names, in Korean and English news. */
export const LATIN_STOPWORDS = new Set(
  `AI CEO CFO COO CTO CIO IT R&D GDP GNP PC TV OS SNS USB LED LCD OLED EV ESG IPO M&A CPI PPI VR AR XR IoT API APP HBM DRAM NAND GPU CPU NPU
AP LTE MVP OTT PD DJ MC VIP NGO Q&A FAQ PR HR QR SW HW B2B B2C SaaS PaaS DIY DNA RNA PCR MRI CT ICU ER VS OK PM AM KST UTC GMT EST PST
ETF ETN REITs ROE PER PBR EPS YoY QoQ ADR GDR FTA WTO? CCTV GPS ID PIN SIM SMS PDF URL HTML CSS JS UX UI CEO들 NFT DeFi ICO GPT LLM
Mr Mrs Ms Dr Prof Sir Madam The A An In On At Of For And But Or If As By To Is It He She We They I You This That These Those Top News`
    .split(/\s+/)
    .filter(Boolean),
);
