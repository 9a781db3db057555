import { Injectable } from '@nestjs/common';
import { StreamReader } from '#libs/platform/streams/index.js';
import { kubeDecider } from './domain/index.js';
import { kubeStream } from './kube-streams.js';

/** What other capabilities may know of a group: where it works and which households are in it. */
export type KubeRecord =
  { exists: false } | { exists: true; kecamatan: string; kelurahan: string; members: readonly string[] };

@Injectable()
export class KubeDirectory {
  constructor(private readonly reader: StreamReader) {}

  async find(kubeId: string): Promise<KubeRecord> {
    const { state } = await this.reader.stateAt(kubeStream(kubeId), kubeDecider);
    if (!state.area) return { exists: false };
    return { exists: true, ...state.area, members: state.members };
  }
}
