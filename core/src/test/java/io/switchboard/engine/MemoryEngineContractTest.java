package io.switchboard.engine;

/** The engine contract, against the memory engine. */
class MemoryEngineContractTest extends EngineContract {

    @Override
    protected Engine newEngine(EngineContext context) {
        return new MemoryEngine(context);
    }
}
