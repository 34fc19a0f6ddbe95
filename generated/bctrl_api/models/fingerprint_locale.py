from enum import Enum
from typing import Optional


class FingerprintLocale(str, Enum):
    DA_DK = "da-DK"
    DE_DE = "de-DE"
    EN_GB = "en-GB"
    EN_US = "en-US"
    ES_ES = "es-ES"
    ES_MX = "es-MX"
    FI_FI = "fi-FI"
    FR_FR = "fr-FR"
    IT_IT = "it-IT"
    JA_JP = "ja-JP"
    KO_KR = "ko-KR"
    NB_NO = "nb-NO"
    NL_NL = "nl-NL"
    PL_PL = "pl-PL"
    PT_BR = "pt-BR"
    PT_PT = "pt-PT"
    SV_SE = "sv-SE"
    TR_TR = "tr-TR"
    ZH_CN = "zh-CN"
    ZH_TW = "zh-TW"

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def _missing_(cls, value: object) -> Optional["FingerprintLocale"]:
        """Keep a value this client was not generated for (sent by a newer server).

        The result compares equal to the raw string, its ``value`` is that string and
        its ``name`` is ``"UNKNOWN"``, so parsing never fails on a new enum value.
        """
        if not isinstance(value, str):
            return None
        member = str.__new__(cls, value)
        member._name_ = "UNKNOWN"
        member._value_ = value
        return member
