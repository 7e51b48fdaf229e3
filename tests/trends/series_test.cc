#include <gtest/gtest.h>

#include "trends/series.h"

namespace crossroads::trends {
namespace {

Incident at(const std::string& route, int year, int month, std::int64_t detected,
            const std::string& nationality = "Syria") {
  Incident i;
  i.route = route;
  i.month = year * 12 + month - 1;
  i.detected = detected;
  i.nationality = nationality;
  i.border_type = route == "western_balkans" ? "land" : "sea";
  return i;
}

TEST(Series, MonthlyPerRouteWithZerosSharesAndYearOnYear) {
  std::vector<Incident> in = {
      at("central_mediterranean", 2022, 1, 100), at("central_mediterranean", 2023, 1, 150),
      at("central_mediterranean", 2023, 3, 50), at("western_balkans", 2023, 2, 200)};
  IncidentFilter f;
  f.from = 2023 * 12;
  f.to = 2023 * 12 + 2;
  auto series = build_series(in, f, {}, Taxonomy::builtin());
  ASSERT_EQ(series.size(), 2u);
  EXPECT_EQ(series[0].key, "central_mediterranean");  // 200 = 200; stable order keeps both
  EXPECT_EQ(series[0].label, "Central Mediterranean");
  ASSERT_EQ(series[0].points.size(), 3u);
  EXPECT_EQ(series[0].points[0].period, "2023-01");
  EXPECT_EQ(series[0].points[1].value, 0);
  EXPECT_EQ(series[0].total, 200);
  EXPECT_DOUBLE_EQ(series[0].share, 0.5);
  ASSERT_TRUE(series[0].yoy[0].has_value());
  EXPECT_DOUBLE_EQ(*series[0].yoy[0], 0.5);  // 150 against 100 a year earlier
  EXPECT_FALSE(series[0].yoy[1].has_value());
}

TEST(Series, QuarterlyAndByNationalityAndBorderType) {
  std::vector<Incident> in = {at("central_mediterranean", 2023, 1, 10, "Tunisia"),
                              at("central_mediterranean", 2023, 2, 20, "Tunisia"),
                              at("western_balkans", 2023, 4, 30, "Syria")};
  SeriesOptions o;
  o.quarterly = true;
  o.group_by = GroupBy::kNationality;
  auto s = build_series(in, {}, o, Taxonomy::builtin());
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].key, "Syria");
  EXPECT_EQ(s[1].points[0].period, "2023-Q1");
  EXPECT_EQ(s[1].points[0].value, 30);
  o.group_by = GroupBy::kBorderType;
  s = build_series(in, {}, o, Taxonomy::builtin());
  ASSERT_EQ(s.size(), 2u);
  IncidentFilter only;
  only.nationality = "tunisia";
  s = build_series(in, only, {}, Taxonomy::builtin());
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].total, 30);
}

TEST(Series, TopNationalitiesAndMovesBetweenRoutes) {
  std::vector<Incident> in;
  for (int m = 1; m <= 6; ++m) {
    in.push_back(at(m <= 3 ? "western_balkans" : "eastern_mediterranean", 2023, m, 500, "Syria"));
    in.push_back(at("western_balkans", 2023, m, 100, "Afghanistan"));
  }
  IncidentFilter wb;
  wb.route = "western_balkans";
  auto top = top_nationalities(in, wb, Measure::kDetections, 10);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].nationality, "Syria");
  EXPECT_EQ(top[0].value, 1500);
  EXPECT_DOUBLE_EQ(top[0].share, 1500.0 / 2100.0);
  auto moves = nationality_moves(in, {}, Measure::kDetections);
  ASSERT_EQ(moves.size(), 1u);
  EXPECT_EQ(moves[0].nationality, "Syria");
  EXPECT_EQ(moves[0].from_route, "western_balkans");
  EXPECT_EQ(moves[0].to_route, "eastern_mediterranean");
  EXPECT_EQ(moves[0].period, "2023-Q2");
}

}  // namespace
}  // namespace crossroads::trends
