using StrategicTech.GroundStation.App;

namespace StrategicTech.GroundStation.Tests.App;

public class GcsOptionsTests
{
    [Fact]
    public void No_arguments_listen_on_udp_14550_like_qgroundcontrol()
    {
        GcsOptions? o = GcsOptions.Parse([], out _);
        Assert.NotNull(o);
        Assert.Equal("udpin://0.0.0.0:14550", o.ConnectUrl);
        Assert.False(o.Headless);
        Assert.Equal((1280, 720), (o.Width, o.Height));
    }

    [Fact]
    public void Headless_replay_options_are_read()
    {
        GcsOptions? o = GcsOptions.Parse(["--headless", "--replay", "a.tlog", "--seek-s", "12.5", "--screenshot", "b.png", "--size", "800x600"], out string error);
        Assert.True(o is not null, error);
        Assert.True(o.Headless);
        Assert.Equal("a.tlog", o.ReplayPath);
        Assert.Equal(12.5, o.SeekS);
        Assert.Equal("b.png", o.ScreenshotPath);
        Assert.Equal((800, 600), (o.Width, o.Height));
    }

    [Theory]
    [InlineData(new[] { "--connect", "udp://1.2.3.4:5" }, "unknown scheme")]
    [InlineData(new[] { "--connect" }, "--connect needs a value")]
    [InlineData(new[] { "--seek-s", "-1" }, "--seek-s must be")]
    [InlineData(new[] { "--size", "10x10" }, "--size must be")]
    [InlineData(new[] { "--headless", "--replay", "a.tlog" }, "--headless needs")]
    [InlineData(new[] { "--bogus" }, "unknown argument '--bogus'")]
    public void Bad_arguments_are_refused_with_a_message_naming_them(string[] args, string expected)
    {
        Assert.Null(GcsOptions.Parse(args, out string error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Main_exits_2_on_a_bad_argument_and_on_an_unreadable_signing_key()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(GroundStationMain.ExitBadInput, GroundStationMain.Run(["--size", "1x1"], output, error));
        Assert.Contains("--size", error.ToString(), StringComparison.Ordinal);

        error = new StringWriter();
        string missing = Path.Combine(Path.GetTempPath(), "gcs-no-such-key-" + Guid.NewGuid().ToString("N"));
        Assert.Equal(GroundStationMain.ExitBadInput, GroundStationMain.Run(["--connect", "udpin://127.0.0.1:0", "--signing-key", missing], output, error));
        Assert.Contains("--signing-key", error.ToString(), StringComparison.Ordinal);
    }
}
