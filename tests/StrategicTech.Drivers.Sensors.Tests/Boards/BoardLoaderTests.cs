using System.Text.Json.Nodes;
using StrategicTech.Drivers.Sensors.Boards;
using StrategicTech.Navigation.Numerics;
using StrategicTech.TestSupport;

namespace StrategicTech.Drivers.Sensors.Tests.Boards;

public sealed class BoardLoaderTests
{
    private const string File = "test-board.json";

    private static string BoardPath(string name) => Path.Combine(SharedData.RepositoryRoot, "hardware", "boards", name);

    private static JsonNode Valid() => JsonNode.Parse(System.IO.File.ReadAllText(BoardPath("rpi4-breakouts.json")), documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;

    private static BoardError SingleError(JsonNode board)
    {
        var e = Assert.Throws<BoardValidationException>(() => BoardLoader.Parse(board.ToJsonString(), File));
        BoardError error = Assert.Single(e.Errors);
        Assert.Equal(File, error.File);
        return error;
    }

    [Theory]
    [InlineData("navio2-rpi4.json", 6, "sysfs")]
    [InlineData("rpi4-breakouts.json", 6, "pca9685")]
    public void Shipped_boards_load(string file, int devices, string pwmDriver)
    {
        BoardDescription board = BoardLoader.Load(BoardPath(file));
        Assert.Equal(devices, board.Devices.Count);
        Assert.Equal(pwmDriver, board.Pwm.Driver);
        Assert.Equal([1, 2, 3, 4], board.Motors.Select(m => m.Number).Order());
        Assert.Contains(board.Devices, d => d.Kind == DeviceKind.Imu);
    }

    [Fact]
    public void Breakout_board_binds_addresses_chip_selects_and_rotations()
    {
        BoardDescription board = BoardLoader.Load(BoardPath("rpi4-breakouts.json"));
        DeviceDescription imu = board.Devices.Single(d => d.Id == "imu0");
        Assert.Equal(0, imu.ChipSelect);
        Assert.Equal(new SensorRotation(0, 0, 90), imu.Rotation);
        Assert.Equal(0x77, board.Devices.Single(d => d.Id == "baro0").Address);
        Assert.Equal(new SensorRotation(180, 0, 0), board.Devices.Single(d => d.Id == "mag0").Rotation);
        Assert.Equal(0x40, board.Pwm.Address);
        Assert.Equal("/dev/ttyAMA1", board.BusOf(board.Devices.Single(d => d.Id == "rc0")).DevicePath);
    }

    [Fact]
    public void Invalid_json_names_the_line()
    {
        var e = Assert.Throws<BoardValidationException>(() => BoardLoader.Parse("{\n  \"name\": \"x\",\n  oops\n}", File));
        BoardError error = Assert.Single(e.Errors);
        Assert.Equal("$", error.JsonPath);
        Assert.Contains("line 3", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_field_names_its_path()
    {
        JsonNode b = Valid();
        b["devices"]![1]!.AsObject().Remove("driver");
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].driver", e.JsonPath);
        Assert.Equal("missing required field", e.Problem);
    }

    [Fact]
    public void Wrong_type_is_reported_with_the_value_found()
    {
        JsonNode b = Valid();
        b["buses"]![1]!["bus"] = "one";
        BoardError e = SingleError(b);
        Assert.Equal("$.buses[1].bus", e.JsonPath);
        Assert.Contains("must be an integer, found \"one\"", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_field_is_an_unknown_field()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["adress"] = "0x76";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].adress", e.JsonPath);
        Assert.StartsWith("unknown field", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_driver_lists_the_known_ones()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["driver"] = "bmp999";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].driver", e.JsonPath);
        Assert.Contains("unknown driver 'bmp999'", e.Problem, StringComparison.Ordinal);
        Assert.Contains("ms5611", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Reference_to_a_missing_bus_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["bus"] = "i2c7";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].bus", e.JsonPath);
        Assert.Contains("no bus with id 'i2c7'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Driver_on_the_wrong_kind_of_bus_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["bus"] = "spi0"; // MS5611 is bound over I2C here
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].bus", e.JsonPath);
        Assert.Contains("cannot sit on Spi bus", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Address_outside_the_7_bit_range_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["address"] = "0x80";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[1].address", e.JsonPath);
        Assert.Contains("outside the 7-bit I2C address range", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_devices_on_one_address_are_reported_on_the_second()
    {
        JsonNode b = Valid();
        b["devices"]![2]!["address"] = 0x77;
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[2].address", e.JsonPath);
        Assert.Contains("already used by device 'baro0'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Pwm_controller_on_a_sensor_address_is_reported()
    {
        JsonNode b = Valid();
        b["pwm"]!["address"] = "0x0C";
        BoardError e = SingleError(b);
        Assert.Equal("$.pwm.address", e.JsonPath);
        Assert.Contains("already used by device 'mag0'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_chip_select_is_reported()
    {
        string json = System.IO.File.ReadAllText(BoardPath("navio2-rpi4.json")).Replace("\"chipSelect\": 1", "\"chipSelect\": 0", StringComparison.Ordinal);
        var ex = Assert.Throws<BoardValidationException>(() => BoardLoader.Parse(json, File));
        BoardError e = Assert.Single(ex.Errors);
        Assert.Equal("$.devices[1].chipSelect", e.JsonPath);
        Assert.Contains("chip select 0 on bus 'spi0' is already used by device 'gnss0'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_serial_port_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![4]!["bus"] = "gps-uart";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[4].bus", e.JsonPath);
        Assert.Contains("serial port 'gps-uart' is already used by device 'gnss0'", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_device_id_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![2]!["id"] = "baro0";
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[2].id", e.JsonPath);
        Assert.Contains("device id 'baro0' is used twice", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_rotation_name_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![0]!["rotation"] = "ROTATION_YAW_90_ROLL_180"; // PX4 order is roll, pitch, yaw
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[0].rotation", e.JsonPath);
        Assert.Contains("is not a rotation name", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Imu_without_rotation_is_reported()
    {
        JsonNode b = Valid();
        b["devices"]![0]!.AsObject().Remove("rotation");
        BoardError e = SingleError(b);
        Assert.Equal("$.devices[0].rotation", e.JsonPath);
    }

    [Fact]
    public void Motor_channel_beyond_the_pwm_output_is_reported()
    {
        JsonNode b = Valid();
        b["motors"]![3]!["channel"] = 16;
        BoardError e = SingleError(b);
        Assert.Equal("$.motors[3].channel", e.JsonPath);
        Assert.Contains("has 16 channels (0..15)", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_motors_on_one_channel_are_reported()
    {
        JsonNode b = Valid();
        b["motors"]![3]!["channel"] = 0;
        BoardError e = SingleError(b);
        Assert.Equal("$.motors[3].channel", e.JsonPath);
        Assert.Contains("already driven by motor 1", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Motor_count_must_match_the_frame()
    {
        JsonNode b = Valid();
        b["frame"] = "hexa-x";
        BoardError e = SingleError(b);
        Assert.Equal("$.motors", e.JsonPath);
        Assert.Contains("frame 'hexa-x' has 6 motors, the file lists 4", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_at_once()
    {
        JsonNode b = Valid();
        b["devices"]![1]!["address"] = 300;
        b["motors"]![0]!["direction"] = "left";
        b["pwm"]!["frequencyHz"] = 5000;
        var e = Assert.Throws<BoardValidationException>(() => BoardLoader.Parse(b.ToJsonString(), File));
        Assert.Equal(["$.devices[1].address", "$.pwm.frequencyHz", "$.motors[0].direction"], e.Errors.Select(x => x.JsonPath));
        Assert.Contains("test-board.json: $.pwm.frequencyHz: 5000 is outside 24..1526", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_file_is_a_validation_error_naming_it()
    {
        string missing = Path.Combine(Path.GetTempPath(), "no-such-board-" + Guid.NewGuid().ToString("N") + ".json");
        var e = Assert.Throws<BoardValidationException>(() => BoardLoader.Load(missing));
        Assert.Equal(missing, Assert.Single(e.Errors).File);
    }

    [Theory]
    [InlineData("ROTATION_NONE", 0, 0, 0)]
    [InlineData("ROTATION_YAW_90", 0, 0, 90)]
    [InlineData("ROTATION_ROLL_180_YAW_270", 180, 0, 270)]
    [InlineData("ROTATION_PITCH_180", 0, 180, 0)]
    [InlineData("ROTATION_ROLL_90_PITCH_68_YAW_293", 90, 68, 293)]
    public void Px4_rotation_names_parse_to_their_euler_angles(string name, double roll, double pitch, double yaw)
    {
        Assert.True(SensorRotation.TryParse(name, out SensorRotation r));
        Assert.Equal(new SensorRotation(roll, pitch, yaw), r);
    }

    [Theory]
    [InlineData("ROTATION_YAW")]
    [InlineData("ROTATION_YAW_360")]
    [InlineData("ROTATION_SPIN_90")]
    [InlineData("ROTATION_YAW_90_YAW_90")]
    [InlineData("YAW_90")]
    public void Malformed_rotation_names_are_refused(string name)
    {
        Assert.False(SensorRotation.TryParse(name, out _));
    }

    [Fact]
    public void Yaw_90_takes_sensor_x_to_body_y_and_roll_180_flips_y_and_z()
    {
        Matrix3 yaw90 = new SensorRotation(0, 0, 90).SensorToBody();
        Vector3 x = yaw90 * new Vector3(1, 0, 0);
        Assert.Equal(0, x.X, 12);
        Assert.Equal(1, x.Y, 12);

        Matrix3 roll180 = new SensorRotation(180, 0, 0).SensorToBody();
        Vector3 v = roll180 * new Vector3(1, 2, 3);
        Assert.Equal(1, v.X, 12);
        Assert.Equal(-2, v.Y, 12);
        Assert.Equal(-3, v.Z, 12);
    }
}
