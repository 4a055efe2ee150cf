using System.Diagnostics;
using Akka.Actor;

namespace EconomySim.Benchmarking;

// The ping-pong protocol: a ball with the number of bounces still to go, and the start of a rally.

/// <summary>Passed back and forth between the two players of a pair until no bounces are left.</summary>
public sealed record Ball(int BouncesLeft);

/// <summary>Starts a rally: the receiver serves to <paramref name="Partner"/>.</summary>
public sealed record Serve(IActorRef Partner, int Bounces);

/// <summary>What a ping-pong measured: every message delivered and the wall time from the first serve to the last catch.</summary>
public sealed record PingPongResult(int Pairs, long Messages, double WallSeconds)
{
    public double MessagesPerSecond => WallSeconds > 0 ? Messages / WallSeconds : 0;
}

/// <summary>
/// The plain Akka.NET baseline the engine's message rate is compared with: pairs of actors bouncing a ball between
/// them, all pairs at once, on the same actor system and dispatcher as the engine. Nothing is computed per message, so
/// it shows what message passing alone costs on the machine.
/// </summary>
public static class PingPong
{
    public static async Task<PingPongResult> RunAsync(ActorSystem system, int pairs, int bouncesPerPair, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentOutOfRangeException.ThrowIfLessThan(pairs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bouncesPerPair, 1);
        var finished = new Rally(pairs);
        var players = new List<IActorRef>(pairs * 2);
        for (var p = 0; p < pairs; p++)
        {
            players.Add(system.ActorOf(Props.Create(() => new Player(finished))));
            players.Add(system.ActorOf(Props.Create(() => new Player(finished))));
        }
        try
        {
            var stopwatch = Stopwatch.StartNew();
            for (var p = 0; p < pairs; p++) players[2 * p].Tell(new Serve(players[2 * p + 1], bouncesPerPair));
            await finished.Done.WaitAsync(cancellationToken);
            stopwatch.Stop();
            return new PingPongResult(pairs, (long)pairs * bouncesPerPair, stopwatch.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var player in players) player.Tell(PoisonPill.Instance);
        }
    }

    /// <summary>Counts down the pairs still playing.</summary>
    private sealed class Rally(int pairs)
    {
        private int _playing = pairs;
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Done => _done.Task;

        public void PairFinished()
        {
            if (Interlocked.Decrement(ref _playing) == 0) _done.SetResult();
        }
    }

    private sealed class Player(Rally rally) : UntypedActor
    {
        protected override void OnReceive(object message)
        {
            switch (message)
            {
                case Serve serve:
                    serve.Partner.Tell(new Ball(serve.Bounces - 1), Self);
                    break;
                case Ball { BouncesLeft: 0 }:
                    rally.PairFinished();
                    break;
                case Ball ball:
                    Sender.Tell(new Ball(ball.BouncesLeft - 1), Self);
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }
    }
}
