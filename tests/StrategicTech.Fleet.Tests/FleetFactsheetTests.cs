using System.Net.Http.Json;
using System.Text.Json;
using StrategicTech.Drivers.Vda5050;
using StrategicTech.Drivers.Vda5050.Messages;
using StrategicTech.Drivers.Vda5050.Tests;
using StrategicTech.Fleet.Api;
using StrategicTech.Sim.Fleet;
using StrategicTech.TestSupport;

namespace StrategicTech.Fleet.Tests;

public class FleetFactsheetTests
{
    [Fact]
    public void The_simulated_agv_factsheet_validates_against_the_210_schema_and_in_300_layout_against_the_300_schema_listing_the_zones_it_honours()
    {
        Factsheet f = SimulatedAgvFactsheet.For(new SimulatedAgv("SimCo", "agv0", "map", "n0", 0, 0, 100));
        f.Timestamp = "2026-12-06T16:00:00.000Z";
        f.Version = "2.1.0";
        Assert.Empty(Validate("2.1.0", Vda5050Codec.Encode(f)));
        f.Version = "3.0.0";
        byte[] v3 = Vda5050Codec.Encode(FactsheetV3.From(f));
        Assert.Empty(Validate("3.0.0", v3));
        string[] zones = [.. JsonDocument.Parse(v3).RootElement.GetProperty("typeSpecification").GetProperty("supportedZones").EnumerateArray().Select(z => z.GetString()!)];
        Assert.Equal(["BLOCKED", "LINE_GUIDED", "COORDINATED_REPLANNING", "SPEED_LIMIT", "DIRECTED", "BIDIRECTED"], zones); // what it checks, keeps or never does
    }

    [Fact]
    public async Task The_fleet_manager_stores_the_factsheet_each_agv_sends_on_connect_and_reports_it_with_the_robot()
    {
        await using var rig = FleetTestRig.Create();
        await rig.StartHostAsync();
        await rig.StartAgvsAsync((0, 0), (31, 17));
        bool done = await rig.RunUntilAsync(async () =>
            (await rig.Http.GetFromJsonAsync<List<RobotView>>(rig.Url("/robots")))!.Count(r => r.Factsheet is not null) == 2);
        Assert.True(done, "no factsheet stored for both robots");
        foreach (RobotView r in (await rig.Http.GetFromJsonAsync<List<RobotView>>(rig.Url("/robots")))!)
        {
            Assert.Equal("2.0.0", r.Factsheet!.ProtocolVersion);
            Assert.Equal("DIFF", r.Factsheet.Kinematics);
            Assert.Equal(1.0, r.Factsheet.MaxSpeedMps);
            Assert.Equal(SimulatedAgvFactsheet.WidthM, r.Factsheet.WidthM);
            Assert.Contains("pick", r.Factsheet.ActionTypes);
            Assert.Contains("factsheetRequest", r.Factsheet.ActionTypes);
        }
    }

    private static List<string> Validate(string version, byte[] json) =>
        JsonSchemaValidator.Load(SharedData.PathOf("vda5050", "schemas", version, "factsheet.schema")).Validate(JsonDocument.Parse(json).RootElement);
}
