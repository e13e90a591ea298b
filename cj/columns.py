"""Column names of the frames cj returns. Pages and tests use these constants, never literals."""

FILE = "file"
SHEET = "sheet"
ROW = "row"
COLUMN = "column"
VALUE = "value"
CODE = "code"
REASON = "reason"

RESPONDENT = "respondent_id"
TOUCHPOINT = "touchpoint"
SCORE_RAW = "score_raw"
SCORE = "score"  # 0–100 (POMP)
SCALE = "scale"
COMMENT = "comment"
DATE = "date"
SEGMENT = "segment"
CHANNEL = "channel"
WAVE = "wave"
OVERALL_RAW = "overall_raw"
OVERALL = "overall"

STAGE = "stage"
ORDER = "order"
OWNER = "owner"
MOMENT = "moment"
EFFORT = "effort"
EFFORT_UNIT = "effort_unit"
INTERNAL_SCORE = "internal_score"
INTERNAL_SCORE_0_100 = "internal_score_0_100"
TARGET = "target"
KEY = "key"
IN_TABLE = "in_table"

# Fields a header can map to, by table role.
RESPONSE_FIELDS = (RESPONDENT, TOUCHPOINT, SCORE, COMMENT, DATE, SEGMENT, CHANNEL, WAVE, OVERALL)
TOUCHPOINT_FIELDS = (TOUCHPOINT, STAGE, ORDER, CHANNEL, OWNER, MOMENT, EFFORT, INTERNAL_SCORE, TARGET, KEY)
