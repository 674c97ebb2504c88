"""Names of news outlets: as people abbreviate them in saved headers, and by web domain."""
from __future__ import annotations

import re

OUTLETS = {
    "ny times": "The New York Times", "nytimes": "The New York Times", "nyt": "The New York Times",
    "new york times": "The New York Times", "the new york times": "The New York Times",
    "wsj": "The Wall Street Journal", "wall street journal": "The Wall Street Journal",
    "the wall street journal": "The Wall Street Journal",
    "wapo": "The Washington Post", "washington post": "The Washington Post",
    "the washington post": "The Washington Post", "ft": "Financial Times",
    "financial times": "Financial Times", "reuters": "Reuters", "ap": "The Associated Press",
    "associated press": "The Associated Press", "the associated press": "The Associated Press",
    "bbc": "BBC News", "bbc news": "BBC News", "the guardian": "The Guardian",
    "guardian": "The Guardian", "cnn": "CNN", "al jazeera": "Al Jazeera", "politico": "Politico",
    "bloomberg": "Bloomberg", "tass": "TASS", "korea joongang daily": "Korea JoongAng Daily", "south china morning post": "South China Morning Post",
    "scmp": "South China Morning Post", "haaretz": "Haaretz", "ukrainska pravda": "Ukrainska Pravda", "the atlantic": "The Atlantic", "axios": "Axios", "dw": "DW", "deutsche welle": "DW", "npr": "NPR",
    "middle east eye": "Middle East Eye", "al-monitor": "Al-Monitor", "nikkei asia": "Nikkei Asia", "the economist": "The Economist", "afp": "Agence France-Presse",
    "xinhua": "Xinhua", "xinhua news agency": "Xinhua",
}
URL_OUTLETS = {
    "nytimes.com": "The New York Times", "wsj.com": "The Wall Street Journal",
    "washingtonpost.com": "The Washington Post", "ft.com": "Financial Times",
    "reuters.com": "Reuters", "apnews.com": "The Associated Press", "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News", "theguardian.com": "The Guardian", "cnn.com": "CNN",
    "aljazeera.com": "Al Jazeera", "politico.com": "Politico", "bloomberg.com": "Bloomberg",
    "economist.com": "The Economist", "gov.uk": "GOV.UK", "defensenews.com": "Defense News",
    "theguardian.co.uk": "The Guardian", "france24.com": "France 24", "dw.com": "DW", "axios.com": "Axios",
    "npr.org": "NPR", "kyivindependent.com": "The Kyiv Independent", "understandingwar.org": "Institute for the Study of War",
    "timesofisrael.com": "The Times of Israel", "haaretz.com": "Haaretz", "jpost.com": "The Jerusalem Post",
    "pravda.com.ua": "Ukrainska Pravda", "kyivpost.com": "Kyiv Post", "themoscowtimes.com": "The Moscow Times",
    "tass.com": "TASS", "rferl.org": "Radio Free Europe/Radio Liberty", "foreignpolicy.com": "Foreign Policy",
    "csis.org": "CSIS", "defenseone.com": "Defense One", "breakingdefense.com": "Breaking Defense",
    "nknews.org": "NK News", "yonhapnews.co.kr": "Yonhap", "en.yna.co.kr": "Yonhap", "scmp.com": "South China Morning Post",
    "thetimes.co.uk": "The Times", "telegraph.co.uk": "The Telegraph", "independent.co.uk": "The Independent",
    "cbsnews.com": "CBS News", "nbcnews.com": "NBC News", "abcnews.go.com": "ABC News", "foxnews.com": "Fox News",
    "lemonde.fr": "Le Monde", "middleeasteye.net": "Middle East Eye", "al-monitor.com": "Al-Monitor", "conflictarm.com": "Conflict Armament Research", "afp.com": "Agence France-Presse",
    "nikkei.com": "Nikkei Asia", "asia.nikkei.com": "Nikkei Asia", "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times", "joongang.co.kr": "Korea JoongAng Daily", "japantimes.co.jp": "The Japan Times", "latimes.com": "Los Angeles Times", "theatlantic.com": "The Atlantic", "newsweek.com": "Newsweek",
}



def outlet_from_url(url: str | None) -> str | None:
    """The outlet a URL belongs to, when its domain is a known one."""
    found = re.match(r"https?://(?:www\.)?([^/]+)", url or "")
    return URL_OUTLETS.get(found.group(1).lower()) if found else None

