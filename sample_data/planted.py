"""The planted truth of the sample journeys: touchpoints, true performance, true drivers, efforts, themes.

Numbers here are the generating model, written down before any analysis; tests check that cj finds them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Touchpoint:
    name: str
    stage: str
    channel: str
    owner: str
    effort: float
    internal: float
    target: float
    key: str
    mean: float           # true mean on the journey's scale
    reach: float          # share of respondents who used it
    coefficient: float    # effect on the outcome per scale point
    last_segment_shift: float = 0.0
    second_wave_shift: float = 0.0


@dataclass(frozen=True)
class Theme:
    theme_id: str
    label_es: str
    label_en: str
    touchpoints: tuple[str, ...]
    sentiment: str  # "negative" or "positive"
    phrasings: tuple[str, ...]


@dataclass(frozen=True)
class Journey:
    key: str
    lang: str
    touchpoints: tuple[Touchpoint, ...]
    themes: tuple[Theme, ...]
    segments: tuple[str, ...]
    segment_shares: tuple[float, ...]
    waves: tuple[str, ...]
    wave_starts: dict[str, str]
    respondents: int
    low: int
    high: int
    outcome_intercept: float
    outcome_noise: float
    outcome_low: int
    outcome_high: int
    outcome_header: str
    comment_share: float
    effort_header: str
    quick_wins: tuple[str, ...]
    major_projects: tuple[str, ...]
    headers: dict[str, str]
    notes: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()
    pii: tuple[str, ...] = ()
    fillers: tuple[str, ...] = field(default=("",))

    def touchpoint_table(self) -> pd.DataFrame:
        h = self.headers
        return pd.DataFrame({
            h["order"]: range(1, len(self.touchpoints) + 1), h["touchpoint"]: [t.name for t in self.touchpoints],
            h["stage"]: [t.stage for t in self.touchpoints], h["channel"]: [t.channel for t in self.touchpoints],
            h["owner"]: [t.owner for t in self.touchpoints], self.effort_header: [t.effort for t in self.touchpoints],
            h["internal"]: [t.internal for t in self.touchpoints], h["target"]: [t.target for t in self.touchpoints],
            h["key"]: [t.key for t in self.touchpoints]})

    def truth(self) -> dict:
        drivers = sorted(self.touchpoints, key=lambda t: -t.coefficient)
        return {
            "lang": self.lang, "respondents": self.respondents, "scale": f"{self.low}-{self.high}",
            "outcome": {"header": self.outcome_header, "scale": f"{self.outcome_low}-{self.outcome_high}",
                        "intercept": self.outcome_intercept, "noise_sd": self.outcome_noise},
            "coefficients": {t.name: t.coefficient for t in self.touchpoints},
            "true_driver_order": [t.name for t in drivers if t.coefficient > 0],
            "non_drivers": [t.name for t in self.touchpoints if t.coefficient == 0],
            "true_means": {t.name: t.mean for t in self.touchpoints},
            "reach": {t.name: t.reach for t in self.touchpoints},
            "internal_scores": {t.name: t.internal for t in self.touchpoints},
            "perception_gap_largest": max(self.touchpoints, key=lambda t: t.internal - t.mean).name,
            "quick_wins": list(self.quick_wins), "major_projects": list(self.major_projects),
            "themes": [{"theme_id": t.theme_id, "label_es": t.label_es, "label_en": t.label_en,
                        "touchpoints": list(t.touchpoints), "sentiment": t.sentiment} for t in self.themes],
        }


def comment_for(j: Journey, touchpoint: str, score: float, rng: np.random.Generator,
                always: bool = False) -> tuple[str | None, str]:
    """A comment (or None) for a rating, and the planted theme id it carries ('' for none)."""
    if not always and rng.random() >= j.comment_share:
        return None, ""
    negative = score <= (j.low + j.high) / 2
    fitting = [t for t in j.themes if touchpoint in t.touchpoints and (t.sentiment == "negative") == negative]
    if not fitting or rng.random() < 0.15:
        return str(rng.choice(j.generic)), "generic"
    theme = fitting[int(rng.integers(len(fitting)))]
    filler, phrase = str(rng.choice(j.fillers)), str(rng.choice(theme.phrasings))
    text = filler + (phrase[0].lower() + phrase[1:] if filler else phrase)
    if rng.random() < 0.02:
        text += " " + str(rng.choice(j.pii))
    return text, theme.theme_id


OFFICE = Journey(
    key="oficina_tecnica", lang="es",
    touchpoints=(
        Touchpoint("Redes sociales", "Captación", "Redes sociales", "Marketing", 2, 4.0, 4.0, "No", 3.6, 0.55, 0.10),
        Touchpoint("Blog", "Captación", "Web", "Marketing", 1, 4.0, 4.0, "No", 3.9, 0.45, 0.05),
        Touchpoint("Web", "Interés", "Web", "Marketing", 3, 4.5, 4.0, "Sí", 3.7, 0.85, 0.25),
        Touchpoint("Llamada telefónica", "Interés", "Teléfono", "Comercial", 1, 4.0, 4.0, "Sí", 2.6, 0.90, 0.85,
                   0.0, 0.3),
        Touchpoint("Emails", "Compra", "Email", "Comercial", 2, 3.5, 4.0, "No", 3.4, 0.95, 0.15),
        Touchpoint("Proyecto", "Compra", "Presencial", "Ingeniería", 5, 4.5, 4.5, "Sí", 3.0, 1.00, 0.75),
        Touchpoint("Seguimiento", "Compra", "Email", "Ingeniería", 3, 4.0, 4.0, "No", 3.5, 0.80, 0.30),
        Touchpoint("Facturación", "Compra", "Email", "Administración", 2, 4.0, 4.0, "Sí", 2.1, 1.00, 1.00, -0.4),
        Touchpoint("Post servicio", "Postventa", "Teléfono", "Comercial", 2, 3.5, 4.0, "No", 3.8, 0.60, 0.20),
        Touchpoint("Newsletter", "Postventa", "Email", "Marketing", 1, 3.5, 3.5, "No", 3.0, 0.50, 0.0),
    ),
    themes=(
        Theme("factura_confusa", "Factura confusa", "Confusing invoice", ("Facturación",), "negative", (
            "La factura es confusa y no se entiende el desglose.", "No entiendo los conceptos de la factura.",
            "La factura llegó con errores y hubo que rehacerla.", "Me cobraron conceptos que no estaban en el presupuesto.",
            "El importe de la factura no coincidía con lo acordado.", "Tardaron semanas en corregir la factura.",
            "Factura poco clara, tuve que llamar para entenderla.", "Los cargos de la factura no están explicados.",
            "La facturación es un lío, errores en el IVA.")),
        Theme("espera_telefono", "Espera al teléfono", "Waiting on the phone", ("Llamada telefónica",), "negative", (
            "Tuve que esperar mucho al teléfono.", "Nadie contestaba las llamadas.", "Me tuvieron en espera más de veinte minutos.",
            "Llamé tres veces hasta que me atendieron.", "La espera al teléfono fue eterna.",
            "No devolvieron la llamada como prometieron.", "Es imposible hablar con alguien por teléfono.",
            "Demasiado tiempo de espera en la línea.", "Me pasaron de una extensión a otra sin resolver nada.")),
        Theme("retraso_proyecto", "Retraso del proyecto", "Project delay", ("Proyecto", "Seguimiento"), "negative", (
            "El proyecto se entregó tarde.", "No cumplieron los plazos de entrega.", "El proyecto se retrasó varias semanas.",
            "Los plazos no se respetaron.", "Entregaron el proyecto fuera de fecha.", "Retrasos continuos en la entrega.",
            "El calendario del proyecto no se cumplió.", "Tuvimos que esperar mucho más de lo previsto por el proyecto.",
            "Se comprometieron a una fecha y llegaron tarde.")),
        Theme("exceso_emails", "Demasiados correos", "Too many emails", ("Newsletter", "Emails"), "negative", (
            "Demasiados correos, parece spam.", "Recibo demasiados emails.", "La newsletter llega cada dos días, es excesivo.",
            "Me bombardean con correos.", "Tantos emails que ya no los leo.", "Quiero darme de baja de tanto correo.",
            "Envían correos sin parar.", "Bandeja llena de sus boletines.", "Demasiada publicidad por email.")),
        Theme("trato_amable", "Trato amable", "Friendly service", ("Seguimiento", "Post servicio", "Llamada telefónica"),
              "positive", (
            "Muy amables en el seguimiento.", "El trato fue excelente y cercano.", "Personal muy atento y amable.",
            "Se preocuparon por cómo fue todo, muy agradecido.", "Atención cercana y profesional.",
            "Me trataron genial en todo momento.", "Muy buena atención, se nota que les importa el cliente.",
            "Un equipo amable y resolutivo.", "Gracias por la atención tan cuidada.")),
        Theme("web_clara", "Web clara", "Clear website", ("Web", "Blog"), "positive", (
            "La web explica muy bien los servicios.", "Encontré en la web todo lo que buscaba.", "Web clara y fácil de usar.",
            "Los artículos del blog son muy útiles.", "La información de la web es completa.", "Muy buen contenido en el blog.",
            "La página web está bien organizada.", "Entendí los servicios gracias a la web.", "Blog interesante y práctico.")),
    ),
    segments=("Pyme", "Gran empresa", "Administración pública"), segment_shares=(0.5, 0.3, 0.2),
    waves=("2026-T1", "2026-T2"), wave_starts={"2026-T1": "2026-01-02", "2026-T2": "2026-04-01"},
    respondents=2400, low=1, high=5, outcome_intercept=6.6, outcome_noise=1.1, outcome_low=0, outcome_high=10,
    outcome_header="¿Nos recomendarías? (0-10)", comment_share=0.3, effort_header="Esfuerzo (1-5)",
    quick_wins=("Facturación", "Llamada telefónica"), major_projects=("Proyecto",),
    headers={"order": "Orden", "touchpoint": "Punto de contacto", "stage": "Etapa", "channel": "Canal",
             "owner": "Responsable", "internal": "Valoración interna (1-5)", "target": "Objetivo", "key": "Clave"},
    notes=("Encuesta de satisfacción de clientes de una oficina técnica (datos sintéticos).",
           "Generado por sample_data/generate.py con semilla fija; la verdad de fondo está en truth.json.",
           "Puntuación de cada punto de contacto de 1 (muy mal) a 5 (muy bien).",
           "¿Nos recomendarías? de 0 (nada probable) a 10 (muy probable).",
           "NS/NC, N/A y 0 significan que el cliente no valoró ese punto de contacto."),
    generic=("Todo correcto.", "Sin comentarios.", "Nada que añadir.", "Bien en general.", "Normal.",
             "Cumplieron con lo esperado.", "Ok.", "Correcto, sin más."),
    pii=("Contactadme en juan.perez@example.com", "Mi teléfono es 612 345 678.", "Escribid a ana.gil@correo.es"),
    fillers=("", "", "", "La verdad es que ", "En general, ", "Sinceramente, ", "Como cliente, "),
)

HOTEL = Journey(
    key="hotel_stay", lang="en",
    touchpoints=(
        Touchpoint("Search", "Awareness", "Web", "Marketing", 20, 4.0, 4.0, "No", 3.9, 0.90, 0.05),
        Touchpoint("Booking", "Purchase", "Web", "Sales", 15, 4.5, 4.2, "Yes", 4.0, 1.00, 0.15),
        Touchpoint("Trip preparation", "Consideration", "Email", "Sales", 10, 4.0, 4.0, "No", 3.5, 0.25, 0.05),
        Touchpoint("Arrival & check-in", "Stay", "Front desk", "Front office", 5, 4.0, 4.2, "Yes", 2.7, 1.00, 0.40),
        Touchpoint("Room", "Stay", "In person", "Housekeeping", 90, 4.5, 4.5, "Yes", 3.2, 1.00, 0.45),
        Touchpoint("Restaurant & breakfast", "Stay", "In person", "F&B", 20, 4.0, 4.0, "No", 4.2, 0.70, 0.10),
        Touchpoint("Wi-Fi", "Stay", "In room", "IT", 30, 3.5, 4.0, "No", 2.9, 0.60, 0.05),
        Touchpoint("Staff service", "Stay", "In person", "Front office", 25, 4.5, 4.5, "No", 4.1, 0.90, 0.15),
        Touchpoint("Checkout & billing", "Post-stay", "Front desk", "Finance", 4, 4.0, 4.2, "Yes", 2.6, 1.00, 0.35,
                   0.0, 0.2),
        Touchpoint("Follow-up email", "Post-stay", "Email", "Marketing", 3, 3.5, 3.5, "No", 3.4, 0.50, 0.0),
    ),
    themes=(
        Theme("noisy_room", "Habitación ruidosa", "Noisy room", ("Room",), "negative", (
            "The room was noisy all night.", "Could not sleep, the air conditioning rattled.", "Thin walls, we heard the neighbours.",
            "Street noise kept us awake.", "The room smelled musty and was loud.", "Noise from the corridor until 2am.",
            "The room was tired and the AC was noisy.", "Worst night's sleep, so much noise in the room.",
            "Room was small and noisy.")),
        Theme("slow_checkin", "Check-in lento", "Slow check-in", ("Arrival & check-in",), "negative", (
            "Check-in took forever.", "We queued 40 minutes at the front desk on arrival.", "Slow check-in, only one person at reception.",
            "Our room was not ready at check-in time.", "Arrival was chaotic, long queue to check in.",
            "The check-in process was painfully slow.", "Waited ages at reception when we arrived.",
            "Check-in lost our booking and took an hour.", "Long wait to get our keys at arrival.")),
        Theme("wifi_drops", "Wi-Fi inestable", "Wi-Fi drops", ("Wi-Fi",), "negative", (
            "The Wi-Fi kept dropping.", "Internet was unusable for work.", "Wifi was slow and disconnected constantly.",
            "Could not join video calls, the Wi-Fi is terrible.", "Had to pay for Wi-Fi and it barely worked.",
            "Wi-Fi signal did not reach the room.", "Connection dropped every few minutes.",
            "Internet speed was awful.", "The wifi login never worked.")),
        Theme("billing_surprise", "Sorpresas en la factura", "Billing surprises", ("Checkout & billing",), "negative", (
            "Unexpected charges on the bill at checkout.", "They charged us twice for the minibar.", "The final bill had fees nobody mentioned.",
            "Checkout took long because the invoice was wrong.", "Hidden resort fee on the bill.",
            "Billing mistakes at checkout, had to argue.", "The invoice did not match the booking price.",
            "Charged for breakfast we never had.", "Surprise city tax and service charges at checkout.")),
        Theme("great_breakfast", "Gran desayuno", "Great breakfast", ("Restaurant & breakfast",), "positive", (
            "Breakfast was excellent.", "Loved the breakfast buffet.", "Great food at the restaurant.",
            "Fresh and varied breakfast every day.", "The breakfast alone is worth it.", "Delicious breakfast and good coffee.",
            "Restaurant staff and food were great.", "Best hotel breakfast we have had.", "Amazing breakfast selection.")),
        Theme("friendly_staff", "Personal amable", "Friendly staff", ("Staff service", "Booking"), "positive", (
            "Staff were friendly and helpful.", "Lovely team, always smiling.", "The staff went out of their way to help.",
            "Very kind and attentive staff.", "Great service from everyone we met.", "The concierge was super helpful.",
            "Staff made us feel welcome.", "Excellent, friendly service.", "Everyone was polite and helpful.")),
    ),
    segments=("Business", "Leisure", "Family"), segment_shares=(0.35, 0.45, 0.20),
    waves=("2026 Q1", "2026 Q2"), wave_starts={"2026 Q1": "2026-01-02", "2026 Q2": "2026-04-01"},
    respondents=3000, low=1, high=5, outcome_intercept=3.4, outcome_noise=0.55, outcome_low=1, outcome_high=5,
    outcome_header="Overall satisfaction (1-5)", comment_share=0.3, effort_header="Effort (days)",
    quick_wins=("Checkout & billing", "Arrival & check-in"), major_projects=("Room",),
    headers={"order": "Order", "touchpoint": "Touchpoint", "stage": "Stage", "channel": "Channel", "owner": "Owner",
             "internal": "Internal score", "target": "Target", "key": "Key"},
    generic=("All good.", "No comments.", "Fine.", "Nice stay overall.", "As expected.", "OK."),
    pii=("Call me on +44 7700 900123.", "Email me at sam.jones@example.com"),
    fillers=("", "", "", "Honestly, ", "Overall, ", "To be fair, "),
)
