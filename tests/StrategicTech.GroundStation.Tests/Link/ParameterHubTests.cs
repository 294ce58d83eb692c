using System.Diagnostics;
using System.Net;
using StrategicTech.Drivers.Mavlink.Dialects.Common;
using StrategicTech.Drivers.Mavlink.Dialects.Standard;
using StrategicTech.Drivers.Mavlink.Microservices;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters;
using StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server;
using StrategicTech.Drivers.Mavlink.Transports;
using StrategicTech.GroundStation.Link;
using StrategicTech.GroundStation.Parameters;
using StrategicTech.Navigation.Time;
using ServerTable = StrategicTech.Drivers.Mavlink.Microservices.Parameters.Server.ParameterTable;

namespace StrategicTech.GroundStation.Tests.Link;

/// <summary>
/// The ground station's parameter side over UDP loopback against a vehicle node with the driver's parameter server
/// (PX4's bytewise encoding, announced in AUTOPILOT_VERSION): the whole list arrives with integers decoded right even
/// when a third of the PARAM_VALUEs are lost on the way, a set is echoed, and a value the vehicle refuses comes back as
/// a failed set naming the value it kept.
/// </summary>
public sealed class ParameterHubTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly UdpTransport _vehicleUdp = new(new IPEndPoint(IPAddress.Loopback, 0), null);
    private readonly MavlinkNode _vehicle;
    private readonly ServerTable _table = new();
    private readonly GroundLink _ground;
    private readonly VehicleParameterTable _model = new(1);
    private int _paramValuesSent;

    public ParameterHubTests()
    {
        for (int i = 0; i < 40; i++)
        {
            _table.AddFloat("GAIN_" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture), i * 0.25f, 0, 100);
        }

        _table.AddInt32("NAV_DLL_ACT", 2, 0, 6);
        _table.Add("CAL_ACC0_ID", ParameterValue.FromInteger(MavParamType.Uint8, 7));
        _vehicle = new MavlinkNode(1, 1, new LossySink(new TransportFrameSink(_vehicleUdp), this), new WallClock());
        _vehicle.Add(new ParameterServer(_vehicle, _table, ParameterEncoding.Bytewise));
        _vehicleUdp.Start((_, _, bytes) => _vehicle.Receive(bytes));
        _ground = new GroundLink(MavlinkTransports.Open($"udpout://127.0.0.1:{_vehicleUdp.LocalEndPoint.Port}"));
        _ground.Start();
        _vehicle.Subscribe((in CommandLong m, in Drivers.Mavlink.MavlinkFrameHeader _) =>
        {
            if (m.Command == MavCmd.RequestMessage && (uint)m.Param1 == AutopilotVersion.MsgId)
            {
                _vehicle.Send(new AutopilotVersion { Capabilities = MavProtocolCapability.Mavlink2 | MavProtocolCapability.ParamEncodeBytewise });
            }
        });
    }

    public void Dispose()
    {
        _ground.Dispose();
        _vehicleUdp.Dispose();
    }

    [Fact]
    public void Download_with_a_third_of_the_values_lost_completes_with_every_parameter_and_bytewise_integers_intact()
    {
        _dropEvery = 3;
        _model.BeginDownload();
        WaitForHeard();
        _ground.Parameters.Download(1);

        Assert.True(PumpUntil(() => _model.Download != DownloadState.Downloading), "download did not finish");

        Assert.Equal(DownloadState.Complete, _model.Download);
        Assert.Equal(42, _model.ReceivedCount);
        Assert.Equal(42, _model.ExpectedCount);
        Assert.True(_model.TryGet("NAV_DLL_ACT", out ParameterRow nav));
        Assert.Equal(ParameterValue.FromInteger(MavParamType.Int32, 2), nav.Value);
        Assert.True(_model.TryGet("CAL_ACC0_ID", out ParameterRow cal));
        Assert.Equal(ParameterValue.FromInteger(MavParamType.Uint8, 7), cal.Value);
        Assert.True(_model.TryGet("GAIN_39", out ParameterRow gain));
        Assert.Equal(ParameterValue.FromFloat(9.75f), gain.Value);
        Assert.True(_paramValuesSent > 42, $"{_paramValuesSent} PARAM_VALUEs sent for 42 parameters: the lost ones were re-requested");
    }

    [Fact]
    public void A_set_is_echoed_and_held_and_a_refused_set_reports_the_value_the_vehicle_kept()
    {
        WaitForHeard();
        _ground.Parameters.Download(1);
        Assert.True(PumpUntil(() => _model.Download == DownloadState.Complete), "download did not finish");

        _model.BeginSet("GAIN_03", ParameterValue.FromFloat(42.5f));
        _ground.Parameters.Set(1, "GAIN_03", ParameterValue.FromFloat(42.5f));
        Assert.True(PumpUntil(() => _model.TryGet("GAIN_03", out ParameterRow r) && r.State != ParameterEditState.Sending), "no answer to the set");
        Assert.True(_model.TryGet("GAIN_03", out ParameterRow accepted));
        Assert.Equal(ParameterEditState.Accepted, accepted.State);
        Assert.Equal(ParameterValue.FromFloat(42.5f), _table["GAIN_03"]);

        _model.BeginSet("GAIN_04", ParameterValue.FromFloat(500));
        _ground.Parameters.Set(1, "GAIN_04", ParameterValue.FromFloat(500));
        Assert.True(PumpUntil(() => _model.TryGet("GAIN_04", out ParameterRow r) && r.State != ParameterEditState.Sending), "no answer to the refused set");
        Assert.True(_model.TryGet("GAIN_04", out ParameterRow refused));
        Assert.Equal(ParameterEditState.Failed, refused.State);
        Assert.StartsWith("refused 500: vehicle holds 1", refused.Note, StringComparison.Ordinal);
        Assert.Equal(ParameterValue.FromFloat(1), _table["GAIN_04"]);
    }

    private int _dropEvery;

    private void WaitForHeard()
    {
        // The vehicle's UDP side learns the ground station from its first heartbeat (1 Hz).
        Assert.True(PumpUntil(() => _vehicleUdp.Peers.Count > 0), "the vehicle never heard the ground station");
    }

    private bool PumpUntil(Func<bool> done)
    {
        var wait = Stopwatch.StartNew();
        while (wait.Elapsed < Patience)
        {
            _vehicle.Tick();
            while (_ground.Parameters.TryTake(out ParameterEvent e))
            {
                _model.Apply(e);
            }

            if (done())
            {
                return true;
            }

            Thread.Sleep(10);
        }

        return false;
    }

    /// <summary>Drops every n-th PARAM_VALUE the vehicle sends (a lossy radio).</summary>
    private sealed class LossySink(TransportFrameSink inner, ParameterHubTests test) : IMavlinkFrameSink
    {
        private int _paramValues;

        public bool Send(ReadOnlySpan<byte> frame)
        {
            bool isParamValue = frame.Length > 9 && frame[0] == 0xFD && (frame[7] | (frame[8] << 8) | (frame[9] << 16)) == ParamValue.MsgId;
            if (isParamValue)
            {
                test._paramValuesSent++;
                _paramValues++;
                if (test._dropEvery > 0 && _paramValues % test._dropEvery == 0)
                {
                    return true;
                }
            }

            return inner.Send(frame);
        }
    }
}
