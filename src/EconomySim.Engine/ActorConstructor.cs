using Akka.Actor;

namespace EconomySim.Engine;

/// <summary>
/// Creates an actor by calling the constructor it is given. Akka.NET's own creation evaluates an expression tree and
/// reflects over the actor's constructor for every actor, and a run creates one for each of its organisations: in a
/// fresh process that reflection also compiled an invocation stub while the run's clock was placing them.
/// </summary>
internal sealed class ActorConstructor<TActor>(Func<TActor> construct) : IIndirectActorProducer where TActor : ActorBase
{
    public Type ActorType => typeof(TActor);

    public ActorBase Produce() => construct();

    public void Release(ActorBase actor)
    {
        // Nothing to give back: the actor holds no resource the producer lent it.
    }

    public static Props Props(Func<TActor> construct) => Akka.Actor.Props.CreateBy(new ActorConstructor<TActor>(construct));
}
