import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { CommandExecutor } from '#libs/platform/command-handling/index.js';
import { notFound } from '#libs/platform/domain/index.js';
import type { RecordedEvent } from '#libs/platform/event-store/index.js';
import { kubeDecider } from '../domain/index.js';
import { kubeStream } from '../kube-streams.js';

export class GetKubeQuery extends Query<object> {
  constructor(readonly kubeId: string) {
    super();
  }
}

@QueryHandler(GetKubeQuery)
export class GetKubeHandler implements IQueryHandler<GetKubeQuery> {
  constructor(private readonly executor: CommandExecutor) {}

  async execute({ kubeId }: GetKubeQuery) {
    const { state, revision, events } = await this.executor.load(kubeStream(kubeId), kubeDecider);
    if (revision === undefined) throw notFound('KUBE.NOT_FOUND', `No Kube ${kubeId}`);
    const formed = events[0] as RecordedEvent<
      'KubeFormed',
      { name: string; businessType: string; kecamatan: string; kelurahan: string; formedOn: string }
    >;
    const { name, businessType, kecamatan, kelurahan, formedOn } = formed.data;
    return { id: kubeId, revision, name, businessType, kecamatan, kelurahan, formedOn, ...state };
  }
}
