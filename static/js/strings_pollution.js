// Strings of a pollution source's popup (latest samples with their verdicts, growing areas nearby), Vietnamese first; i18n.js merges them.

export const POLLUTION_STRINGS = {
  vi: {
    pollutionSamples: "Mẫu quan trắc gần nhất",
    pollutionNoSamples: "Chưa có mẫu quan trắc.",
    pollutionNearby: "Vùng trồng trong phạm vi {metres} m",
    pollutionNoNearby: "Không có vùng trồng nào trong phạm vi.",
    pollutionWorks: "Công trình cấp nước trong phạm vi",
    pollutionLoadFailed: "Không tải được dữ liệu quan trắc.",
    "verdict.pass": "Đạt",
    "verdict.exceed": "Vượt quy chuẩn",
    "verdict.not_assessable": "Không đánh giá được",
  },
  en: {
    pollutionSamples: "Latest monitoring samples",
    pollutionNoSamples: "No monitoring sample yet.",
    pollutionNearby: "Growing areas within {metres} m",
    pollutionNoNearby: "No growing area within the distance.",
    pollutionWorks: "Water-supply works within the distance",
    pollutionLoadFailed: "Could not load the monitoring data.",
    "verdict.pass": "Passes",
    "verdict.exceed": "Exceeds",
    "verdict.not_assessable": "Not assessable",
  },
};
